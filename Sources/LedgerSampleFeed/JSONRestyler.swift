/// Rewrites a compact JSON line with the same JSON value but different bytes, for re-delivered events.
///
/// A real producer that retries often re-serialises the event: keys come out in another order, or
/// with spaces. The contract says such a line is still a duplicate ("same JSON value"), so the feed
/// must contain some. Works on the generator's own compact output, never on arbitrary JSON.
struct JSONRestyler: Sendable {
    /// How object members are reordered.
    enum Reorder: Sendable {
        /// Keep every object's member order.
        case none
        /// Swap the first two members of the top-level object only (`{"type":…,"id":…,…}`).
        case swapFirstTwo
        /// Reverse the member order of every object, at every depth.
        case reverseAll
    }

    /// The member reordering to apply.
    var reorder: Reorder
    /// Whether to write a space after every `:` and `,`.
    var spaced: Bool

    /// Appends the restyled form of `line` (which must be compact JSON) to `out`.
    func restyle(_ line: [UInt8], into out: inout [UInt8]) {
        _ = copyValue(line, from: 0, depth: 0, into: &out)
    }

    /// Copies the value starting at `start`, restyled; returns the index just past it.
    private func copyValue(_ src: [UInt8], from start: Int, depth: Int, into out: inout [UInt8]) -> Int {
        switch src[start] {
        case UInt8(ascii: "{"):
            return copyObject(src, from: start, depth: depth, into: &out)
        case UInt8(ascii: "["):
            var i = start + 1
            out.append(UInt8(ascii: "["))
            if src[i] == UInt8(ascii: "]") {
                out.append(UInt8(ascii: "]"))
                return i + 1
            }
            while true {
                i = copyValue(src, from: i, depth: depth + 1, into: &out)
                if src[i] == UInt8(ascii: "]") {
                    out.append(UInt8(ascii: "]"))
                    return i + 1
                }
                appendSeparator(UInt8(ascii: ","), into: &out)
                i += 1
            }
        default:
            let end = Self.endOfValue(src, from: start)
            out.append(contentsOf: src[start..<end])
            return end
        }
    }

    private func copyObject(_ src: [UInt8], from start: Int, depth: Int, into out: inout [UInt8]) -> Int {
        var members: [(key: Range<Int>, value: Int)] = []
        var i = start + 1
        if src[i] != UInt8(ascii: "}") {
            while true {
                let keyEnd = Self.endOfValue(src, from: i)
                members.append((i..<keyEnd, keyEnd + 1))
                i = Self.endOfValue(src, from: keyEnd + 1)
                if src[i] == UInt8(ascii: "}") { break }
                i += 1
            }
        }
        switch reorder {
        case .none: break
        case .swapFirstTwo where depth == 0 && members.count >= 2: members.swapAt(0, 1)
        case .swapFirstTwo: break
        case .reverseAll: members.reverse()
        }
        out.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { appendSeparator(UInt8(ascii: ","), into: &out) }
            out.append(contentsOf: src[member.key])
            appendSeparator(UInt8(ascii: ":"), into: &out)
            _ = copyValue(src, from: member.value, depth: depth + 1, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return i + 1
    }

    private func appendSeparator(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(byte)
        if spaced { out.append(UInt8(ascii: " ")) }
    }

    /// The index just past the value (string, number, literal, object or array) starting at `start`.
    static func endOfValue(_ src: [UInt8], from start: Int) -> Int {
        var i = start
        var depth = 0
        var inString = false
        while i < src.count {
            let byte = src[i]
            i += 1
            if inString {
                if byte == UInt8(ascii: "\\") {
                    i += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return i }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i - 1 }
                depth -= 1
                if depth == 0 { return i }
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                if depth == 0 { return i - 1 }
            default:
                break
            }
        }
        return i
    }
}
