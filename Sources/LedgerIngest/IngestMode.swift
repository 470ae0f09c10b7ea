/// What happens to the rest of a run when a line is rejected (`--mode`).
package enum IngestMode: String, Sendable, CaseIterable {
    /// One bad line and nothing of this run is stored (the default).
    case atomic
    /// Good lines are stored, bad lines reported and written verbatim to the rejects file.
    case skip
}
