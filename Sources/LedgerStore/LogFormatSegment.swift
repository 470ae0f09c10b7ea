import Foundation
import GRDB

/// One row of `log_format`: from `firstSeq` on (until the next segment), events are chained by `format`'s rule.
package struct LogFormatSegment: Sendable, Equatable {
    /// Nil when the row names a version this keap-ledger does not know.
    package let format: LogFormat?
    package let version: Int64
    package let firstSeq: Int64
    /// The chain hash of event `firstSeq - 1` when this format began: the seal of everything before it.
    package let previousChainHash: [UInt8]

    /// Every segment, oldest first.
    static func readAll(_ db: Database) throws -> [LogFormatSegment] {
        try Row.fetchAll(db, sql: "SELECT version, first_seq, previous_chain_hash FROM log_format ORDER BY first_seq").map { row in
            let version: Int64 = row["version"]
            return LogFormatSegment(
                format: LogFormat(rawValue: version),
                version: version,
                firstSeq: row["first_seq"],
                previousChainHash: [UInt8](row["previous_chain_hash"] as Data)
            )
        }
    }
}
