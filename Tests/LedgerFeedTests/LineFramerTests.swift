import Foundation
import Testing
import LedgerTestSupport
@testable import LedgerFeed

@Suite("Line framing")
struct LineFramerTests {
    private func frame(_ bytes: [UInt8], step: Int = 3, chunkSize: Int = 8) throws -> [(Int, String)] {
        var lines: [(Int, String)] = []
        try LineFramer(source: InMemoryByteSource(bytes, step: step), chunkSize: chunkSize).forEachLine { line in
            lines.append((line.number, String(decoding: line.bytes, as: UTF8.self)))
        }
        return lines
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func splitsLFAndCRLFSkipsBlankLinesAndCountsThem(step: Int) throws {
        let text = "\u{FEFF}{\"a\":1}\r\n\n  \t \r\n{\"b\":2}\n{\"c\":\r3}\r\n{\"d\":4}"
        let lines = try frame(Array(text.utf8), step: step)
        #expect(lines.map(\.0) == [1, 4, 5, 6])
        #expect(lines.map(\.1) == ["{\"a\":1}", "{\"b\":2}", "{\"c\":\r3}", "{\"d\":4}"])
    }

    @Test(arguments: [1, 2, 3, 64])
    func aLoneCRIsPartOfTheLineEvenAtTheVeryEndOfTheInput(step: Int) throws {
        // Given a last line without a line end whose final byte is a CR, and a line ending in CR CRLF
        let text = "{\"a\":1}\r\r\n{\"b\":2}\r"
        // Then only the CR of a CRLF is a line end: the lone CRs stay in the lines
        let lines = try frame(Array(text.utf8), step: step)
        #expect(lines.map(\.1) == ["{\"a\":1}\r", "{\"b\":2}\r"])
        // And a lone CR after the last line end is a line of its own (not blank: only spaces and tabs are), which the
        // validator then rejects, instead of vanishing
        #expect(try frame(Array("{}\n\r".utf8), step: step).map(\.1) == ["{}", "\r"])
    }

    @Test func aByteOrderMarkIsSkippedOnlyAtTheStartOfTheInput() throws {
        let lines = try frame(Array("{}\n\u{FEFF}{}\n".utf8))
        #expect(lines.map(\.1) == ["{}", "\u{FEFF}{}"])
    }

    @Test func multiMemberGzipIsReadWholeAndLineNumbersCountDecompressedLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = directory.path("a")
        let second = directory.path("b")
        try "{\"a\":1}\n\n".write(toFile: first, atomically: true, encoding: .utf8)
        try "{\"b\":2}\n".write(toFile: second, atomically: true, encoding: .utf8)
        let combined = directory.path("feed.ndjson.gz")
        try shell("gzip -c \(first) > \(combined) && gzip -c \(second) >> \(combined)")
        var lines: [(Int, String)] = []
        try LineFramer(source: FeedInput.open(combined)).forEachLine { lines.append(($0.number, String(decoding: $0.bytes, as: UTF8.self))) }
        #expect(lines.map(\.0) == [1, 3])
        #expect(lines.map(\.1) == ["{\"a\":1}", "{\"b\":2}"])
    }

    @Test func truncatedGzipIsADataErrorAfterTheCompleteLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plain = directory.path("plain")
        let lines = (1...20_000).map { "{\"n\":\($0),\"pad\":\"\(String(repeating: "x", count: $0 % 97))\"}" }.joined(separator: "\n") + "\n"
        try lines.write(toFile: plain, atomically: true, encoding: .utf8)
        let compressed = directory.path("feed.gz")
        try shell("gzip -c \(plain) | head -c 60000 > \(compressed)")
        var seen = 0
        #expect(throws: FeedReadError.self) {
            try LineFramer(source: FeedInput.open(compressed)).forEachLine { _ in seen += 1 }
        }
        #expect(seen > 0 && seen < 20_000)
    }

    @Test func missingInputAndDirectoryAreReportedAsSuch() throws {
        #expect(throws: FeedReadError.self) { try FeedInput.open("/nonexistent/feed.ndjson") }
        do {
            _ = try FeedInput.open("/tmp")
            Issue.record("a directory was accepted")
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.reason.contains("directory"))
        }
    }

    @Test func giantLineIsCutButItsLengthIsKnown() throws {
        let giant = [UInt8](repeating: UInt8(ascii: "x"), count: LineFramer.keptBytesLimit + 10) + [0x0A] + Array("{}\n".utf8)
        var seen: [(Int, Int, Bool)] = []
        try LineFramer(source: InMemoryByteSource(giant, step: 1 << 20)).forEachLine { seen.append(($0.fullLength, $0.bytes.count, $0.isCut)) }
        #expect(seen.count == 2)
        #expect(seen[0] == (LineFramer.keptBytesLimit + 10, LineFramer.keptBytesLimit, true))
        #expect(seen[1] == (2, 2, false))
    }

    private func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
