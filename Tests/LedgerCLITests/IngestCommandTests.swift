import Foundation
import Testing
import LedgerTestSupport

@Suite("keap-ledger ingest / verify / export as a process")
final class IngestCommandTests {
    let directory: TemporaryDirectory
    var db: String { directory.path("ledger.sqlite") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "keap-ledger-cli")
    }

    /// A class so that each test's folder is removed when the test ends (Swift Testing makes one instance a test).
    deinit { directory.remove() }

    private func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonSummaryHasExactlyTheContractKeys() throws {
        let feed = try directory.write("feed.ndjson", FeedLines.feed(FeedLines.customer(id: "e1"), FeedLines.orderPlaced(id: "e2")))
        let run = try LedgerProcess.run(["ingest", feed, "--db", db, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try jsonObject(run.stdout)
        #expect(Set(summary.keys) == ["read", "accepted", "duplicates", "conflicts", "rejected", "first_seq", "last_seq", "seconds"])
        #expect(summary["accepted"] as? Int == 2)
        #expect(summary["first_seq"] as? Int == 1)
        #expect(summary["last_seq"] as? Int == 2)
        #expect(run.stdout.filter { $0 == "\n" }.count == 1)
    }

    @Test func globalOptionsWorkBeforeTheSubcommand() throws {
        let feed = try directory.write("feed.ndjson", FeedLines.feed(FeedLines.customer(id: "e1")))
        let run = try LedgerProcess.run(["--db", db, "--json", "ingest", feed])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try jsonObject(run.stdout)["accepted"] as? Int == 1)
        let again = try LedgerProcess.run(["ingest", feed, "--json"], environment: ["KEAP_LEDGER_DB": db])
        let summary = try jsonObject(again.stdout)
        #expect(summary["duplicates"] as? Int == 1)
        #expect(summary["first_seq"] is NSNull)
    }

    @Test func rejectedLinesExit65WithFileLineIdAndGoVerbatimToTheRejectsFile() throws {
        let bad = #"{"id":"b1","type":"product.upserted","occurred_at":"2026-11-20T14:00:00Z","data":{"sku":"S","name":"N","price":"1.999","currency":"USD"}}"#
        let feed = try directory.write("feed.ndjson", FeedLines.feed(FeedLines.customer(id: "e1"), bad))
        let rejects = directory.path("rejects.ndjson")
        let run = try LedgerProcess.run(["ingest", feed, "--db", db, "--rejects", rejects, "--json"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(feed):2: id=b1: data.price: has 3 decimal places but USD allows 2; found \"1.999\""))
        #expect(try jsonObject(run.stdout)["accepted"] as? Int == 0)
        #expect(try String(contentsOfFile: rejects, encoding: .utf8) == bad + "\n")
        let skip = try LedgerProcess.run(["ingest", feed, "--db", db, "--mode", "skip", "--json"])
        #expect(skip.status == 65)
        #expect(try jsonObject(skip.stdout)["accepted"] as? Int == 1)
    }

    @Test func hostileLinesAreRejectedOneByOneAndNeverCrashTheProcess() throws {
        // Given a feed with a 5 MB line, invalid UTF-8, 100,000 nested brackets and NUL bytes between good lines
        let good = { (id: String) in Array(FeedLines.customer(id: id).utf8) }
        let fiveMegabytes = Array(#"{"id":"big","pad":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5_000_000) + Array(#""}"#.utf8)
        let invalidUTF8: [UInt8] = Array(#"{"id":"utf","x":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let nested = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let nul: [UInt8] = Array(#"{"id":"nul","x":"a"#.utf8) + [0x00] + Array(#"b"}"#.utf8)
        let lines = [good("g1"), fiveMegabytes, good("g2"), invalidUTF8, nested, nul, good("g3")]
        var bytes: [UInt8] = []
        for line in lines { bytes += line + [0x0A] }
        let feed = try directory.write("hostile.ndjson", bytes)
        let rejects = directory.path("rejects.ndjson")
        // When it is ingested in skip mode
        let run = try LedgerProcess.run(["ingest", feed, "--db", db, "--mode", "skip", "--rejects", rejects, "--json"])
        // Then the process ends normally with a data error, keeps the three good lines, names each bad one by line,
        // and writes every bad line verbatim to the rejects file
        #expect(run.status == 65, "\(run.stderr.prefix(500))")
        let summary = try jsonObject(run.stdout)
        #expect(summary["read"] as? Int == 7)
        #expect(summary["accepted"] as? Int == 3)
        #expect(summary["rejected"] as? Int == 4)
        for line in [2, 4, 5, 6] { #expect(run.stderr.contains("\(feed):\(line):"), "line \(line) not reported") }
        #expect(run.stderr.contains("limit is 1048576 bytes"))
        let rejected = try [UInt8](Data(contentsOf: URL(fileURLWithPath: rejects)))
        #expect(rejected == fiveMegabytes + [0x0A] + invalidUTF8 + [0x0A] + nested + [0x0A] + nul + [0x0A])
        #expect(try LedgerProcess.run(["verify", "--db", db]).status == 0)
    }

    @Test func missingInputStopsTheRunBeforeAnythingIsStored() throws {
        let good = try directory.write("good.ndjson", FeedLines.feed(FeedLines.customer(id: "e1")))
        let run = try LedgerProcess.run(["ingest", good, directory.path("missing.ndjson"), "--db", db])
        #expect(run.status == 66)
        #expect(run.stderr.contains("missing.ndjson"))
        let directoryRun = try LedgerProcess.run(["ingest", good, directory.url.path, "--db", db])
        #expect(directoryRun.status == 66)
        let export = try LedgerProcess.run(["export", "--db", db])
        #expect(export.stdout.isEmpty)
    }

    @Test func standardInputIsNamedDash() throws {
        let feed = FeedLines.feed(FeedLines.customer(id: "e1"), "{oops")
        let run = try LedgerProcess.run(["ingest", "-", "--db", db, "--mode", "skip"], stdin: Array(feed.utf8))
        #expect(run.status == 65)
        #expect(run.stderr.contains("-:2: id=?: not valid JSON"))
    }

    @Test func usageErrorsExit64() throws {
        #expect(try LedgerProcess.run(["ingest", "--db", db]).status == 64)
        #expect(try LedgerProcess.run(["ingest", "x", "--mode", "sometimes", "--db", db]).status == 64)
        #expect(try LedgerProcess.run(["no-such-command"]).status == 64)
    }

    @Test func exportIsByteForByteAndVerifyPassesThenCatchesDamage() throws {
        let lines = [FeedLines.customer(id: "e1"), "{ \"id\" : \"e2\", \"type\":\"order.cancelled\",\"occurred_at\":\"2026-11-20T14:00:00Z\",\"data\":{\"order_ref\":\"O\"}}"]
        let feed = try directory.write("feed.ndjson", lines.joined(separator: "\r\n") + "\r\n")
        #expect(try LedgerProcess.run(["ingest", feed, "--db", db]).status == 0)
        let export = try LedgerProcess.run(["export", "--db", db])
        #expect(export.stdout == lines.joined(separator: "\n") + "\n")
        let verify = try LedgerProcess.run(["verify", "--db", db, "--json"])
        #expect(verify.status == 0)
        #expect(try jsonObject(verify.stdout)["intact"] as? Bool == true)
        // When someone edits the log with another SQLite client, triggers dropped first
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, "DROP TRIGGER event_no_update; UPDATE event SET line = CAST(replace(CAST(line AS TEXT), 'ada', 'bob') AS BLOB) WHERE seq = 1;"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let damaged = try LedgerProcess.run(["verify", "--db", db])
        #expect(damaged.status == 65)
        #expect(damaged.stderr.contains("log damaged at seq 1"))
    }
}
