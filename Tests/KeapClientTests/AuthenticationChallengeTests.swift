import Foundation
import KeapClient
import KeapSandbox
import Testing

/// FoundationNetworking suspends a task for good when a 401 carries `WWW-Authenticate: Basic` and no credential is
/// offered (not even the request timeout ends it). The transport answers every challenge with its own 401.
@Suite("401 with an authentication challenge")
struct AuthenticationChallengeTests {
    /// The call's outcome, or nil when it has not finished after `limit` (the hang this suite guards against).
    static func outcome(within limit: Duration, _ body: @escaping @Sendable () async throws(KeapCallError) -> Void) async -> Result<Void, KeapCallError>? {
        await withTaskGroup(of: Result<Void, KeapCallError>?.self) { group in
            group.addTask {
                do throws(KeapCallError) { try await body(); return .success(()) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test("an API 401 with a Basic challenge is refused credentials at once", arguments: [#"Basic realm="keap""#, #"Bearer realm="keap""#])
    func apiChallenge(challenge: String) async throws {
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0,
                                                        configuration: KeapSandboxConfiguration(apiKey: "right-key", unauthorizedChallenge: challenge))
        var configuration = KeapClientConfiguration(baseURL: sandbox.baseURL, credentials: .apiKey(KeapSecret("wrong-key")))
        configuration.maxPerSecond = 0
        // Longer than any local answer under load, shorter than the guard: a hang is told apart from a slow machine.
        configuration.requestTimeout = .seconds(30)
        let client = KeapClient(configuration: configuration)
        // The hang is forever; 60 s only bounds this test on a loaded CI machine (a full parallel run once took 17 s
        // to get a local answer at start-up).
        let result = await Self.outcome(within: .seconds(60)) { () throws(KeapCallError) in _ = try await client.customFieldModel(.orders) }
        guard case .failure(let error)? = result else {
            Issue.record("expected a refusal, got \(String(describing: result))")
            await sandbox.stop()
            return
        }
        // Answered by the 401 itself: a timeout would be an unknown outcome without a status.
        #expect(error.kind == .authentication)
        #expect(error.status == 401)
        await sandbox.stop()
    }
}
