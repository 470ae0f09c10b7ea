import Foundation
import Testing
import LedgerFeed
import LedgerStore
import LedgerTestSupport
@testable import LedgerIngest

/// Collects what a run reports.
final class RecordingObserver: IngestObserver {
    var rejections: [IngestRejection] = []
    func rejected(_ rejection: IngestRejection) { rejections.append(rejection) }
    func progress(_ summary: IngestSummary) {}
}

@Suite("ingest: modes, duplicates, conflicts, summary")
struct IngestServiceTests {
    private func run(_ feeds: [(String, String)], mode: IngestMode, into database: LedgerDatabase, batchSize: Int = 2) throws -> (IngestSummary, RecordingObserver) {
        let observer = RecordingObserver()
        let inputs: [(name: String, source: any ByteSource)] = feeds.map { ($0.0, InMemoryByteSource($0.1, step: 5)) }
        let summary = try IngestService(database: database, clock: FixedClock(), batchSize: batchSize, commitEvery: 3)
            .run(inputs: inputs, mode: mode, observer: observer)
        return (summary, observer)
    }

    private let badLine = #"{"id":"bad-1","type":"order.cancelled","occurred_at":"2026-11-20T14:00:00Z","data":{"order_ref":""}}"#

    @Test func atomicStoresNothingWhenAnyLineIsBadAndReportsEveryError() throws {
        // Given a feed with two good lines, two bad ones and a blank line
        let database = try LedgerDatabase()
        let feed = FeedLines.feed(FeedLines.customer(id: "e1"), badLine, "", FeedLines.customer(id: "e2"), "not json")
        // When it is ingested atomically
        let (summary, observer) = try run([("feed.ndjson", feed)], mode: .atomic, into: database)
        // Then nothing is stored, both errors are reported with file, line and id, and the counts say so
        #expect(try LogStatistics.read(database).lastSeq == 0)
        #expect(summary.read == 4)
        #expect(summary.accepted == 0)
        #expect(summary.rejected == 2)
        #expect(summary.firstSeq == nil && summary.lastSeq == nil)
        #expect(observer.rejections.map(\.message) == [
            "feed.ndjson:2: id=bad-1: data.order_ref: must not be empty",
            "feed.ndjson:5: id=?: not valid JSON: not JSON: unexpected 'n' where a value was expected (at byte 1)",
        ])
        #expect(observer.rejections.map { String(decoding: $0.bytes, as: UTF8.self) } == [badLine, "not json"])
    }

    @Test func skipStoresTheGoodLinesAcrossSeveralCommits() throws {
        let database = try LedgerDatabase()
        let good = (1...7).map { FeedLines.customer(id: "e\($0)") }
        let feed = FeedLines.feed(good[0], badLine, good[1], good[2], good[3], good[4], good[5], good[6])
        let (summary, observer) = try run([("feed.ndjson", feed)], mode: .skip, into: database)
        #expect(summary.accepted == 7)
        #expect(summary.rejected == 1)
        #expect(summary.firstSeq == 1 && summary.lastSeq == 7)
        #expect(observer.rejections.count == 1)
        #expect(try LogVerifier(database: database).verify().isIntact)
    }

    @Test func duplicatesAreCountedAndConflictsRejectedNamingTheStoredSeq() throws {
        let database = try LedgerDatabase()
        _ = try run([("first.ndjson", FeedLines.feed(FeedLines.customer(id: "e1"), FeedLines.customer(id: "e2")))], mode: .atomic, into: database)
        let again = FeedLines.feed(
            FeedLines.customer(id: "e1"),
            FeedLines.customer(id: "e2", email: "other@example.com"),
            FeedLines.customer(id: "e3"),
            FeedLines.customer(id: "e3"))
        let (summary, observer) = try run([("second.ndjson", again)], mode: .skip, into: database)
        #expect(summary.read == 4)
        #expect(summary.accepted == 1)
        #expect(summary.duplicates == 2)
        #expect(summary.conflicts == 1)
        #expect(summary.rejected == 1)
        let message = try #require(observer.rejections.first?.message)
        #expect(message.hasPrefix("second.ndjson:2: id=e2: conflict:"))
        #expect(message.contains("seq 2"))
    }

    @Test func aConflictFailsAnAtomicRun() throws {
        let database = try LedgerDatabase()
        _ = try run([("a", FeedLines.feed(FeedLines.customer(id: "e1")))], mode: .atomic, into: database)
        let (summary, _) = try run([("b", FeedLines.feed(FeedLines.customer(id: "e9"), FeedLines.customer(id: "e1", email: "x@y.z")))], mode: .atomic, into: database)
        #expect(summary.accepted == 0)
        #expect(summary.conflicts == 1)
        #expect(try LogStatistics.read(database).lastSeq == 1)
    }

    @Test func severalInputsAreIngestedInOrder() throws {
        let database = try LedgerDatabase()
        let (summary, _) = try run([("a", FeedLines.feed(FeedLines.customer(id: "a1"))), ("b", FeedLines.feed(FeedLines.customer(id: "b1"), FeedLines.customer(id: "b2")))], mode: .atomic, into: database)
        #expect(summary.accepted == 3)
        var ids: [String] = []
        try LogExporter(database: database).export { ids.append(String(decoding: $0, as: UTF8.self)) }
        #expect(ids.map { $0.contains("\"a1\"") || $0.contains("\"b1\"") || $0.contains("\"b2\"") } == [true, true, true])
        #expect(ids[0].contains("a1") && ids[2].contains("b2"))
    }

    @Test func exportIngestedIntoAnEmptyLedgerReproducesTheChain() throws {
        let first = try LedgerDatabase()
        let feed = FeedLines.feed(FeedLines.customer(id: "e1"), FeedLines.orderPlaced(id: "e2"), FeedLines.payment(id: "e3"), FeedLines.customer(id: "e1"))
        _ = try run([("feed", feed)], mode: .atomic, into: first)
        var exported: [UInt8] = []
        try LogExporter(database: first).export { exported.append(contentsOf: $0); exported.append(0x0A) }
        let second = try LedgerDatabase()
        let (summary, _) = try run([("export", String(decoding: exported, as: UTF8.self))], mode: .atomic, into: second)
        #expect(summary.accepted == 3)
        #expect(try LogVerifier(database: first).verify().headHash == LogVerifier(database: second).verify().headHash)
    }

    @Test func aFileEndingInALoneCRRoundTripsThroughExportByteForByte() throws {
        // Given a feed whose last line ends in a lone CR (no line end follows it)
        let first = try LedgerDatabase()
        let last = FeedLines.customer(id: "e2") + "\r"
        let (summary, _) = try run([("feed", FeedLines.customer(id: "e1") + "\n" + last)], mode: .atomic, into: first)
        #expect(summary.accepted == 2)
        // When it is exported as NDJSON and the export ingested into an empty ledger
        var exported: [UInt8] = []
        var stored: [[UInt8]] = []
        try LogExporter(database: first).export { line in
            stored.append(Array(line))
            exported.append(contentsOf: line)
            if LogExporter.needsCRLF(after: line) { exported.append(0x0D) }
            exported.append(0x0A)
        }
        let second = try LedgerDatabase()
        _ = try run([("export", String(decoding: exported, as: UTF8.self))], mode: .atomic, into: second)
        // Then the CR is part of the stored line, the export gives it back, and the second ledger stores the same bytes
        #expect(stored.last == Array(last.utf8))
        #expect(Array(exported.suffix(4)) == [UInt8(ascii: "}"), 0x0D, 0x0D, 0x0A])
        var again: [[UInt8]] = []
        try LogExporter(database: second).export { again.append(Array($0)) }
        #expect(again == stored)
        #expect(try LogVerifier(database: first).verify().headHash == LogVerifier(database: second).verify().headHash)
    }

    @Test func anAnchorFileGetsTheHeadAfterEachCommitThatStoredEvents() throws {
        // Given an anchor file and a skip-mode ingest committing every 3 events
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("anchors.txt")
        let database = try LedgerDatabase()
        let feed = FeedLines.feed((1...7).map { FeedLines.customer(id: "e\($0)") }.joined(separator: "\n"))
        let ingest = { (mode: IngestMode) in
            try IngestService(database: database, clock: FixedClock(), batchSize: 2, commitEvery: 3, anchorFile: AnchorFileWriter(path: path))
                .run(inputs: [("feed", InMemoryByteSource(feed))], mode: mode)
        }
        // When it runs, and then again (all duplicates: no head moves)
        _ = try ingest(.skip)
        _ = try ingest(.atomic)
        // Then each commit that stored events left its head, the last one being the log's head, and every one holds
        let anchors = try AnchorFile.read(path: path)
        #expect(anchors.map(\.seq) == [4, 7])
        let report = try LogVerifier(database: database).verify(anchors: anchors)
        #expect(report.isIntact)
        #expect(report.anchors.map(\.result) == [.held, .held])
        #expect(anchors.last?.hashText == report.headHash)
    }

    @Test("a size below 1 is refused when the service is made, before any run can spin", arguments: [(0, 3), (-1, 3), (2, 0), (2, -5)])
    func sizesBelowOneAreRefused(batchSize: Int, commitEvery: Int) throws {
        let database = try LedgerDatabase()
        #expect(throws: IngestSettingsError.self) {
            _ = try IngestService(database: database, clock: FixedClock(), batchSize: batchSize, commitEvery: commitEvery)
        }
    }
}
