import Foundation
import Testing
import LedgerTestSupport
import LedgerCore
@testable import LedgerFeed

/// Every fixture line gets the verdict the manifest gives it, and invalid lines name the expected field. Files are read
/// through the same framer as `ingest` (CRLF, BOM, blank lines). The Python harness (scripts/check_schemas.py) checks
/// the JSON Schemas against the same manifest, so the Swift validator and the schemas agree on every fixture.
@Suite("Fixtures: the Swift validator agrees with the manifest")
struct FixtureAgreementTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let line: Int
        let bytes: [UInt8]
        let expectValid: Bool
        let field: String?
        var testDescription: String { "\(file):\(line)" }
    }

    static func loadCases() throws -> [Case] {
        let manifestURL = RepositoryPaths.fixture("feed/manifest.json")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any]
        let files = manifest?["files"] as? [[String: Any]] ?? []
        var cases: [Case] = []
        for file in files {
            guard let path = file["path"] as? String, let expect = file["expect"] as? String else { continue }
            var fields: [Int: String?] = [:]
            for entry in file["cases"] as? [[String: Any]] ?? [] {
                if let number = entry["line"] as? Int { fields[number] = entry["field"] as? String }
            }
            let framer = LineFramer(source: try FeedInput.open(RepositoryPaths.fixture("feed/" + path).path))
            try framer.forEachLine { line in
                cases.append(Case(file: path, line: line.number, bytes: Array(line.bytes), expectValid: expect == "valid", field: fields[line.number] ?? nil))
            }
        }
        return cases
    }

    @Test func manifestHasCasesOfBothKinds() throws {
        let cases = try Self.loadCases()
        #expect(cases.filter(\.expectValid).count >= 40)
        #expect(cases.filter { !$0.expectValid }.count >= 100)
    }

    @Test(arguments: try loadCases())
    func verdictMatches(fixture: Case) {
        let result = fixture.bytes.withUnsafeBufferPointer { FeedValidator.validate(line: $0) }
        switch result {
        case .success:
            #expect(fixture.expectValid, "\(fixture.file):\(fixture.line) was accepted but the manifest says invalid (field \(fixture.field ?? "line"))")
        case .failure(let violation):
            #expect(!fixture.expectValid, "\(fixture.file):\(fixture.line) was rejected: \(violation)")
            if !fixture.expectValid {
                #expect(violation.field == fixture.field, "\(fixture.file):\(fixture.line): \(violation)")
            }
        }
    }
}
