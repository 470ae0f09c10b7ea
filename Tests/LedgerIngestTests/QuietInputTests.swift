import Foundation
import LedgerFeed
import LedgerStore
import LedgerTestSupport
import Synchronization
import Testing
@testable import LedgerIngest

/// A skip-mode ingest fed by a pipe that goes quiet (a `tail -f | keap-ledger ingest -` or a slow export) commits what
/// it has read and waits for more outside its write transaction: what arrived is durable at once, and another writer
/// (a flush, another ingest) is not locked out until the feed's writer sends more.
@Suite("ingest: quiet input")
struct QuietInputTests {
    private static func lines(_ prefix: String, _ count: Int) -> [String] {
        (1...count).map { FeedLines.customer(id: "\(prefix)\($0)", ref: "C-\(prefix)\($0)") }
    }

    @Test(.timeLimit(.minutes(2))) func aQuietPipeCommitsWhatItReadAndLeavesTheWriteLockFree() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("ledger.sqlite")
        let first = Self.lines("a", 3_000)
        let rest = Self.lines("b", 500)
        // 3,000 lines, then silence until resumed. The framer deals 1,024-line chunks, so two are parsed and waiting
        // to be written when the silence starts; the default commitEvery (50,000) is nowhere near.
        let source = PausingByteSource(first: Array((first.joined(separator: "\n") + "\n").utf8),
                                       rest: Array(rest.joined(separator: "\n").utf8))
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<IngestSummary, any Error>?>(nil)
        Thread {
            outcome.withLock { $0 = Result { try IngestService(database: try LedgerDatabase(path: path)).run(inputs: [("pipe", source)], mode: .skip, project: false) } }
            finished.signal()
        }.start()

        // The events read before the silence become durable without waiting for more input. Polled from another
        // connection: SQLite gives a process no signal when another connection commits.
        // The give-up time only keeps a regression from hanging the suite (a time limit cannot stop a blocked thread):
        // the commit is due a second after the silence starts.
        let other = try LedgerDatabase(path: path, busyTimeout: 30)
        var committed: Int64 = 0
        let giveUp = ContinuousClock.now + .seconds(60)
        while committed == 0, ContinuousClock.now < giveUp {
            committed = try other.projectionLag().head
            if committed == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard committed > 0 else {
            Issue.record("nothing was committed while the input was quiet: the ingest waited inside its transaction")
            source.resume()
            finished.wait()
            return
        }
        #expect(committed == 2_048, "the two chunks parsed before the silence")

        // Another writer gets the lock while the pipe is quiet (it would wait its 30 s busy timeout, then fail, if the
        // first ingest held the lock while waiting for input).
        let beside = try IngestService(database: other).run(inputs: [("beside", InMemoryByteSource(Self.lines("c", 10).joined(separator: "\n")))], mode: .skip, project: false)
        #expect(beside.accepted == 10)
        #expect(beside.firstSeq == 2_049)

        source.resume()
        finished.wait()
        let summary = try #require(try outcome.withLock { $0 }?.get())
        #expect(summary.accepted == 3_500)
        #expect(summary.rejected == 0)
        let report = try LogVerifier(database: other).verify()
        #expect(report.isIntact)
        #expect(report.lastSeq == 3_510)
    }
}
