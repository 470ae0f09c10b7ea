import GRDB
import LedgerStore

/// Every projection row as text, table by table in key order: two ledgers with the same dump hold identical
/// projections.
package enum ProjectionDump {
    /// - Parameter excluding: column names left out (seq-dependent ones, when arrival order differs on purpose).
    package static func dump(_ database: LedgerDatabase, excluding: Set<String> = []) throws -> String {
        try database.writer.read { db in
            var out = ""
            for table in ProjectionWriter.tables {
                let columns = try db.columns(in: table).map(\.name).filter { !excluding.contains($0) }
                let order = (1...columns.count).map(String.init).joined(separator: ", ")
                out += "## \(table)\n"
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)")
                for row in rows {
                    out += row.databaseValues.map(\.description).joined(separator: "|") + "\n"
                }
            }
            out += "checkpoint \(try ProjectionWriter.checkpoint(db))\n"
            return out
        }
    }
}
