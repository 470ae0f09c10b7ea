import LedgerCore

/// Projection-table writes (deletes, then inserts, in the order they run) with every value already encoded as the
/// bytes or integer SQLite binds. A fold worker builds them (`append(_:replacing:)`), so the writing thread, which
/// bounds `rebuild` and the projecting ingest, only binds and steps: formatting times, writing JSON and walking the
/// fold state were two fifths of that thread's own (non-SQLite) time.
package struct ProjectionRows: Sendable {
    /// One bound value: NULL, an integer, or `count` bytes of `text` from `offset`.
    enum Cell: Sendable {
        case null
        case integer(Int64)
        case text(offset: Int, count: Int)
    }

    /// One statement run: its values are `cells[previous operation's cellEnd..<cellEnd]`, one per `?`, in order.
    struct Operation: Sendable {
        let statement: ProjectionStatement
        let cellEnd: Int
    }

    private(set) var operations: [Operation] = []
    private(set) var cells: [Cell] = []
    /// Every text value, back to back.
    private(set) var text: [UInt8] = []

    package init() {}

    /// Statement runs held.
    package var count: Int { operations.count }

    mutating func put(_ value: Int64?) {
        cells.append(value.map(Cell.integer) ?? .null)
    }

    mutating func put(_ value: Int) { put(Int64(value)) }

    mutating func put(_ value: Bool) { put(Int64(value ? 1 : 0)) }

    mutating func put(_ value: String?) {
        guard var value else { return cells.append(.null) }
        let offset = text.count
        value.withUTF8 { text.append(contentsOf: $0) }
        cells.append(.text(offset: offset, count: text.count - offset))
    }

    /// A JSON column (compact, members in order, as `JSONWriter.string` gives), written straight into `text`.
    mutating func put(json value: JSONValue?) {
        guard let value else { return cells.append(.null) }
        let offset = text.count
        JSONWriter.write(value, into: &text)
        cells.append(.text(offset: offset, count: text.count - offset))
    }

    /// A time as its UTC text, written straight into `text` (no string in between: several per row).
    mutating func put(_ value: Timestamp?) {
        guard let value else { return cells.append(.null) }
        let offset = text.count
        value.appendUTCText(to: &text)
        cells.append(.text(offset: offset, count: Timestamp.utcTextWidth))
    }

    /// Closes the values put since the last `end` as one run of `statement`.
    mutating func end(_ statement: ProjectionStatement) {
        operations.append(Operation(statement: statement, cellEnd: cells.count))
    }
}
