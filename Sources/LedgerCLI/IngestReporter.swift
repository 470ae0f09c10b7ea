import LedgerIngest

/// Prints rejections (the first 100, then a count) and progress to stderr, and copies rejected lines to the rejects file.
final class IngestReporter: IngestObserver {
    static let listedErrorLimit = 100

    private let rejectsFile: RejectsFile?
    private let showProgress: Bool
    private var listed = 0
    private var unlisted = 0
    /// A rejects-file write failure, reported once at the end (the run itself goes on).
    private(set) var rejectsFailure: (any Error)?

    init(rejectsFile: RejectsFile?, showProgress: Bool) {
        self.rejectsFile = rejectsFile
        self.showProgress = showProgress
    }

    func rejected(_ rejection: IngestRejection) {
        if listed < Self.listedErrorLimit {
            StandardStreams.err(rejection.message + "\n")
            listed += 1
        } else {
            unlisted += 1
        }
        do {
            try rejectsFile?.append(rejection.bytes)
        } catch {
            rejectsFailure = rejectsFailure ?? error
        }
    }

    func progress(_ summary: IngestSummary) {
        guard showProgress else { return }
        StandardStreams.err("ingest: \(summary.read) lines read, \(summary.accepted) accepted, \(summary.duplicates) duplicates, \(summary.rejected) rejected…\n")
    }

    func finish() {
        if unlisted > 0 {
            StandardStreams.err("… and \(unlisted) more rejected lines not listed here\(rejectsFile == nil ? " (use --rejects FILE to keep them all)" : "")\n")
        }
        if let rejectsFailure {
            StandardStreams.err("keap-ledger: error: writing the rejects file failed: \(rejectsFailure)\n")
        }
    }
}
