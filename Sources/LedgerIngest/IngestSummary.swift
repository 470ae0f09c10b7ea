/// The counts `ingest --json` prints (cli.md fixes the keys).
package struct IngestSummary: Sendable, Equatable {
    /// Non-blank lines read.
    package var read = 0
    /// Events stored by this run.
    package var accepted = 0
    /// Lines whose event was already stored with the same value.
    package var duplicates = 0
    /// Lines whose `(source, id)` was stored with a different value (also counted in `rejected`).
    package var conflicts = 0
    /// Lines not stored: invalid, conflicting, or unreadable.
    package var rejected = 0
    /// First and last seq stored by this run, nil when nothing was accepted.
    package var firstSeq: Int64?
    package var lastSeq: Int64?
    package var seconds = 0.0

    package init() {}
}
