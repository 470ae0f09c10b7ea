import Synchronization

/// Collects the lines a dry run prints (from whichever task prints them).
final class LineCollector: Sendable {
    private let collected = Mutex<[String]>([])

    func append(_ line: String) {
        collected.withLock { $0.append(line) }
    }

    var lines: [String] {
        collected.withLock { $0 }
    }
}
