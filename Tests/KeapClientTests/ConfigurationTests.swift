import KeapClient
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    static let key = "sk-ENV-SECRET-987"

    @Test("defaults with only a key")
    func defaults() throws {
        let configuration = try KeapClientConfiguration.fromEnvironment(["KEAP_API_KEY": Self.key])
        #expect(configuration.baseURL == "https://api.infusionsoft.com/crm/rest")
        #expect(configuration.maxPerSecond == 10)
        #expect(configuration.maxPerMinute == 240)
        #expect(configuration.requestTimeout == .seconds(30))
        #expect(configuration.maxTries == 4)
        guard case .apiKey(let secret) = configuration.credentials else { Issue.record("expected an API key"); return }
        #expect(secret.valueForAuthorizationHeader == Self.key)
    }

    @Test("every variable read")
    func allVariables() throws {
        let configuration = try KeapClientConfiguration.fromEnvironment([
            "KEAP_ACCESS_TOKEN": "tok", "KEAP_BASE_URL": "http://127.0.0.1:8080/", "KEAP_MAX_PER_SECOND": "0",
            "KEAP_MAX_PER_MINUTE": "1500", "KEAP_TIMEOUT_SECONDS": "0.5", "KEAP_RETRY_BASE_MS": "5",
        ])
        guard case .accessToken = configuration.credentials else { Issue.record("expected a token"); return }
        #expect(configuration.baseURL == "http://127.0.0.1:8080")
        #expect(configuration.maxPerSecond == 0)
        #expect(configuration.maxPerMinute == 1500)
        #expect(configuration.requestTimeout == .milliseconds(500))
        #expect(configuration.backoffBase == .milliseconds(5))
    }

    static func error(_ env: [String: String]) -> KeapConfigurationError? {
        do {
            _ = try KeapClientConfiguration.fromEnvironment(env)
            return nil
        } catch {
            return error
        }
    }

    @Test("missing credentials name both variables; an empty value counts as missing")
    func missing() {
        let error = Self.error(["KEAP_API_KEY": ""])
        #expect(error?.message.contains("KEAP_API_KEY") == true)
        #expect(error?.message.contains("KEAP_ACCESS_TOKEN") == true)
    }

    @Test("both credentials set is refused")
    func both() {
        let error = Self.error(["KEAP_API_KEY": Self.key, "KEAP_ACCESS_TOKEN": "tok-secret"])
        #expect(error != nil)
        #expect(error.map { !"\($0)".contains(Self.key) && !"\($0)".contains("tok-secret") } == true)
    }

    @Test("bad values name the variable and the value", arguments: [
        ("KEAP_MAX_PER_SECOND", "ten"), ("KEAP_MAX_PER_SECOND", "-1"), ("KEAP_MAX_PER_MINUTE", "+5"),
        ("KEAP_MAX_PER_MINUTE", "1.5"), ("KEAP_TIMEOUT_SECONDS", "0"), ("KEAP_TIMEOUT_SECONDS", "abc"),
        ("KEAP_TIMEOUT_SECONDS", "1.2345"), ("KEAP_RETRY_BASE_MS", "1e3"), ("KEAP_BASE_URL", "ftp://x"),
        ("KEAP_BASE_URL", "api.keap.com"), ("KEAP_BASE_URL", "https://"),
    ])
    func badValues(variable: String, value: String) {
        let error = Self.error(["KEAP_API_KEY": Self.key, variable: value])
        #expect(error?.variable == variable)
        #expect(error?.message.contains(variable) == true)
        #expect(error?.message.contains("\"\(value)\"") == true)
        #expect(error.map { !"\($0)".contains(Self.key) } == true)
    }

    @Test("a secret with a line break is refused without showing it")
    func secretWithNewline() {
        let error = Self.error(["KEAP_API_KEY": Self.key + "\n"])
        #expect(error?.variable == "KEAP_API_KEY")
        #expect(error.map { !"\($0)".contains(Self.key) } == true)
    }

    @Test("user information in the base URL is refused")
    func userInfo() {
        let error = Self.error(["KEAP_API_KEY": Self.key, "KEAP_BASE_URL": "https://user:pw@api.keap.com/crm/rest"])
        #expect(error?.variable == "KEAP_BASE_URL")
        #expect(error.map { !"\($0)".contains("pw@") } == true)
    }
}
