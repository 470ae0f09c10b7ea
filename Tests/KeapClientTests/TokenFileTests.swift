import Foundation
import KeapClient
import Testing

/// The token file on its own: refused when missing, too open or malformed (naming the path, never the contents), and
/// written atomically with mode 0600.
@Suite("OAuth2 token file")
struct TokenFileTests {
    static let access = "at-FILE-SECRET-1111"
    static let refresh = "rt-FILE-SECRET-2222"

    static func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keap-token-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    static func error(_ path: String) -> KeapTokenFileError? {
        do {
            _ = try KeapTokenFile.read(path)
            return nil
        } catch {
            return error
        }
    }

    static func write(_ text: String, to path: String, mode: Int) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    @Test("round trip: written with mode 0600, read back, expiry to the second")
    func roundTrip() throws {
        try Self.withDirectory { directory in
            let path = directory.appendingPathComponent("tokens.json").path
            let expiry = Date(timeIntervalSince1970: 1_795_000_000)
            try KeapTokenFile.write(KeapTokenSet(accessToken: KeapSecret(Self.access), refreshToken: KeapSecret(Self.refresh), expiresAt: expiry), to: path)
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
            #expect(mode == 0o600)
            let tokens = try KeapTokenFile.read(path)
            #expect(tokens.accessToken.valueForAuthorizationHeader == Self.access)
            #expect(tokens.refreshToken.valueForAuthorizationHeader == Self.refresh)
            #expect(tokens.expiresAt == expiry)
            #expect(!"\(tokens)".contains(Self.access) && !"\(tokens)".contains(Self.refresh))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\"expires_at\":\"2026-11-18T"))
            // Overwriting replaces the file (rename), leaving no temporary file behind.
            try KeapTokenFile.write(KeapTokenSet(accessToken: KeapSecret("a2"), refreshToken: KeapSecret("r2"), expiresAt: expiry), to: path)
            #expect(try KeapTokenFile.read(path).refreshToken.valueForAuthorizationHeader == "r2")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["tokens.json"])
        }
    }

    @Test("a missing file says how to create it")
    func missing() throws {
        try Self.withDirectory { directory in
            let path = directory.appendingPathComponent("absent.json").path
            let error = Self.error(path)
            #expect(error?.reason == .missing)
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains("keap-ledger keap auth") == true)
        }
    }

    @Test("a file group or others can access is refused without showing its contents", arguments: [0o644, 0o640, 0o604, 0o660, 0o602])
    func tooOpen(mode: Int) throws {
        try Self.withDirectory { directory in
            let path = directory.appendingPathComponent("tokens.json").path
            try Self.write(#"{"access_token":"\#(Self.access)","refresh_token":"\#(Self.refresh)","expires_at":"2026-11-24T10:00:00Z"}"#, to: path, mode: mode)
            let error = Self.error(path)
            #expect(error?.reason == .insecure(mode: UInt32(mode)))
            #expect(error?.description.contains("chmod 600 \(path)") == true)
            #expect(error.map { !$0.description.contains(Self.access) && !$0.description.contains(Self.refresh) } == true)
        }
    }

    @Test("malformed files are refused naming the member, never a value", arguments: [
        "", "not json", "[]", #"{"access_token":"A-SECRET","expires_at":"2026-11-24T10:00:00Z"}"#,
        #"{"access_token":"A-SECRET","refresh_token":"R-SECRET","expires_at":"tomorrow"}"#,
        #"{"access_token":"A-SECRET","refresh_token":"R SECRET","expires_at":"2026-11-24T10:00:00Z"}"#,
        #"{"access_token":"","refresh_token":"R-SECRET","expires_at":"2026-11-24T10:00:00Z"}"#,
    ])
    func malformed(text: String) throws {
        try Self.withDirectory { directory in
            let path = directory.appendingPathComponent("tokens.json").path
            try Self.write(text, to: path, mode: 0o600)
            let error = Self.error(path)
            guard case .malformed? = error?.reason else { Issue.record("expected malformed, got \(String(describing: error))"); return }
            #expect(error?.description.contains(path) == true)
            #expect(error.map { !$0.description.contains("SECRET") } == true)
        }
    }
}
