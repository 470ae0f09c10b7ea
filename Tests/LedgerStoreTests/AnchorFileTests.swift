import Foundation
import Testing
import LedgerTestSupport
@testable import LedgerStore

@Suite("Anchor files and --anchor values")
struct AnchorFileTests {
    private let hash = String(repeating: "ab", count: 32)

    @Test func readsSeqAndHashPerLineSkippingBlankLinesAndNotes() throws {
        let text = "# taken before the 2026-12 migration\n3 \(hash)\r\n\n  \t\n12\t\(hash.uppercased())\n"
        let anchors = try AnchorFile.parse(text, name: "anchors.txt")
        #expect(anchors.map(\.seq) == [3, 12])
        #expect(anchors.map(\.origin) == ["anchors.txt:2", "anchors.txt:5"])
        #expect(anchors.allSatisfy { $0.hashText == hash })
    }

    @Test(arguments: [
        ("1 \(String(repeating: "ab", count: 32))\n2 abc\n", "anchors.txt:2: \"2 abc\": the hash must be 64 hex digits"),
        ("0 \(String(repeating: "ab", count: 32))\n", "anchors.txt:1: \"0 \(String(repeating: "ab", count: 32))\": the seq must be a whole number of at least 1; found \"0\""),
        ("x\n", "anchors.txt:1: \"x\": expected SEQ HASH"),
        ("5:\(String(repeating: "ab", count: 32))\n", "anchors.txt:1: "),
        ("+5 \(String(repeating: "ab", count: 32))\n", "found \"+5\""),
        ("5 \(String(repeating: "zz", count: 32))\n", "the hash must be 64 hex digits"),
    ])
    func aMalformedLineIsRefusedNamingFileLineAndValue(text: String, message: String) throws {
        do {
            _ = try AnchorFile.parse(text, name: "anchors.txt")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .malformedInput)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.message.hasSuffix("fix or delete this line"), "\(error.message)")
        }
    }

    @Test func aMissingFileSaysSo() throws {
        do {
            _ = try AnchorFile.read(path: "/nonexistent/anchors.txt")
            Issue.record("a missing file was read")
        } catch {
            #expect(error.code == .inputMissing)
            #expect(error.message.contains("/nonexistent/anchors.txt"))
        }
    }

    @Test func theOptionFormIsSeqColonHash() throws {
        let anchor = try Anchor.parse(option: "7:\(hash)")
        #expect(anchor.seq == 7 && anchor.hashText == hash && anchor.origin == "--anchor")
        for bad in ["7", "7:\(hash):1", ":\(hash)", "7:123", "-1:\(hash)"] {
            #expect(throws: LedgerStoreError.self, "\(bad) was accepted") { try Anchor.parse(option: bad) }
        }
    }

    @Test func theWriterAppendsOneLinePerHeadThatTheReaderReadsBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("anchors.txt")
        try "# kept on another disk\n".write(toFile: path, atomically: true, encoding: .utf8)
        let heads = [LogHead(seq: 4, chainHash: [UInt8](repeating: 1, count: 32)), LogHead(seq: 9, chainHash: [UInt8](repeating: 0xFE, count: 32))]
        for head in heads { try AnchorFileWriter(path: path).append(head) }
        let anchors = try AnchorFile.read(path: path)
        #expect(anchors.map { LogHead(seq: $0.seq, chainHash: $0.chainHash) } == heads)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("\n9 \(String(repeating: "fe", count: 32))\n"))
        #expect(throws: LedgerStoreError.self) { try AnchorFileWriter(path: directory.path("no-such-folder/anchors.txt")) }
    }
}
