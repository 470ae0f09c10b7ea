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

    private func sqlite(_ db: String, _ sql: String) throws {
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0, "sqlite3 failed: \(sql)")
    }

    @Test func aFileEndingInALoneCRRoundTripsThroughExport() throws {
        // Given a feed whose last line ends in a lone CR, without a line end after it
        let lines = [FeedLines.customer(id: "e1"), FeedLines.customer(id: "e2") + "\r"]
        let feed = try directory.write("feed.ndjson", lines.joined(separator: "\n"))
        #expect(try LedgerProcess.run(["ingest", feed, "--db", db]).status == 0)
        // When it is exported
        let export = try LedgerProcess.run(["export", "--db", db])
        // Then the CR comes back, followed by a CRLF line end (a bare LF would make it read as one)
        #expect(export.stdout == lines[0] + "\n" + lines[1] + "\r\n")
        // And the export ingested into an empty ledger exports the same bytes again
        let copy = directory.path("copy.sqlite")
        let exported = try directory.write("export.ndjson", export.stdout)
        #expect(try LedgerProcess.run(["ingest", exported, "--db", copy]).status == 0)
        #expect(try LedgerProcess.run(["export", "--db", copy]).stdout == export.stdout)
    }

    @Test func anchorsWrittenByIngestCatchACutTailThatVerifyAloneCannot() throws {
        // Given two ingests that append their heads to an anchor file
        let anchors = directory.path("anchors.txt")
        let first = try directory.write("a.ndjson", FeedLines.feed(FeedLines.customer(id: "e1"), FeedLines.customer(id: "e2")))
        let second = try directory.write("b.ndjson", FeedLines.feed(FeedLines.customer(id: "e3")))
        #expect(try LedgerProcess.run(["ingest", first, "--db", db, "--anchor-file", anchors]).status == 0)
        #expect(try LedgerProcess.run(["ingest", second, "--db", db, "--anchor-file", anchors, "--mode", "skip"]).status == 0)
        let verify = try LedgerProcess.run(["verify", "--db", db, "--anchor-file", anchors, "--json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let report = try jsonObject(verify.stdout)
        let headHash = try #require(report["head_hash"] as? String)
        #expect(try String(contentsOfFile: anchors, encoding: .utf8).hasSuffix("\n3 \(headHash)\n"))
        let checked = try #require(report["anchors"] as? [[String: Any]])
        #expect(checked.map { $0["seq"] as? Int } == [2, 3])
        #expect(checked.map { $0["from"] as? String } == ["\(anchors):1", "\(anchors):2"])
        #expect(checked.map { $0["result"] as? String } == ["held", "held"])
        #expect(report["log_format"] as? Int == 2)
        #expect(try LedgerProcess.run(["verify", "--db", db, "--anchor", "3:\(headHash)"]).status == 0)

        // When the last event is deleted and log_head rewritten to match, with another SQLite client
        try sqlite(db, """
            DROP TRIGGER event_no_delete; DELETE FROM event WHERE seq = 3;
            UPDATE log_head SET last_seq = 2, chain_hash = (SELECT chain_hash FROM event WHERE seq = 2);
            """)
        // Then verify alone passes, and with the anchors it exits 65 naming the cut and the anchor
        #expect(try LedgerProcess.run(["verify", "--db", db]).status == 0)
        let cut = try LedgerProcess.run(["verify", "--db", db, "--anchor-file", anchors, "--json"])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("log damaged at seq 3: the anchor from \(anchors):2 names seq 3, but the log ends at seq 2"), "\(cut.stderr)")
        let cutReport = try jsonObject(cut.stdout)
        #expect(cutReport["intact"] as? Bool == false)
        #expect((cutReport["anchors"] as? [[String: Any]])?.map { $0["result"] as? String } == ["held", "beyond_end"])
        #expect(try LedgerProcess.run(["verify", "--db", db, "--anchor", "3:\(headHash)"]).status == 65)
    }

    @Test func badAnchorsAreNamedWithTheConventionalExitCodes() throws {
        let feed = try directory.write("feed.ndjson", FeedLines.feed(FeedLines.customer(id: "e1")))
        #expect(try LedgerProcess.run(["ingest", feed, "--db", db]).status == 0)
        // A malformed --anchor is a usage error
        let option = try LedgerProcess.run(["verify", "--db", db, "--anchor", "1:abc"])
        #expect(option.status == 64)
        #expect(option.stderr.contains("--anchor \"1:abc\": the hash must be 64 hex digits"), "\(option.stderr)")
        // A malformed line of an anchor file is a data error naming the file, the line and the value
        let file = try directory.write("anchors.txt", "1 \(String(repeating: "0", count: 64))\n1 not-a-hash\n")
        let malformed = try LedgerProcess.run(["verify", "--db", db, "--anchor-file", file])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("\(file):2: \"1 not-a-hash\": the hash must be 64 hex digits"), "\(malformed.stderr)")
        // A missing anchor file is a missing input
        let missing = try LedgerProcess.run(["verify", "--db", db, "--anchor-file", directory.path("none.txt")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("none.txt"))
        // An anchor file ingest cannot write stops the run before anything is stored
        let more = try directory.write("more.ndjson", FeedLines.feed(FeedLines.customer(id: "e2")))
        let unwritable = try LedgerProcess.run(["ingest", more, "--db", db, "--anchor-file", directory.path("no-folder/anchors.txt")])
        #expect(unwritable.status == 74)
        #expect(unwritable.stderr.contains("no-folder/anchors.txt"))
        #expect(try LedgerProcess.run(["export", "--db", db]).stdout == FeedLines.feed(FeedLines.customer(id: "e1")))
    }

    @Test func anAnchorThatCannotBeWrittenAfterTheCommitSaysWhatIsStoredAndWhichLineToAdd() throws {
        // Given an anchor file every write to fails (the disk is full)
        let feed = try directory.write("feed.ndjson", FeedLines.feed(FeedLines.customer(id: "e1")))
        // When an ingest commits
        let run = try LedgerProcess.run(["ingest", feed, "--db", db, "--anchor-file", "/dev/full"])
        // Then it exits 74, the event is stored, and the message gives the exact anchor line to add by hand
        #expect(run.status == 74)
        let verify = try jsonObject(try LedgerProcess.run(["verify", "--db", db, "--json"]).stdout)
        let headHash = try #require(verify["head_hash"] as? String)
        #expect(run.stderr.contains("events up to seq 1 are stored, but their anchor could not be appended to /dev/full"), "\(run.stderr)")
        #expect(run.stderr.contains("append the line \"1 \(headHash)\""), "\(run.stderr)")
    }
}
