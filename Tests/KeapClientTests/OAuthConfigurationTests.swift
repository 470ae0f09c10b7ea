import KeapClient
import Testing

@Suite("OAuth2 configuration from the environment")
struct OAuthConfigurationTests {
    static let secret = "cs-ENV-CLIENT-SECRET-31"
    static let oauth = ["KEAP_TOKEN_FILE": "/var/lib/keap/tokens.json", "KEAP_CLIENT_ID": "app-1", "KEAP_CLIENT_SECRET": secret]

    static func error(_ env: [String: String]) -> KeapConfigurationError? {
        ConfigurationTests.error(env)
    }

    @Test("a token file with client id and secret is OAuth2 with refresh, on Keap's token URL by default")
    func tokenFile() throws {
        let configuration = try KeapClientConfiguration.fromEnvironment(Self.oauth)
        guard case .oauth(let settings) = configuration.credentials else { Issue.record("expected oauth"); return }
        #expect(settings.tokenFile == "/var/lib/keap/tokens.json")
        #expect(settings.clientID == "app-1")
        #expect(settings.clientSecret.valueForAuthorizationHeader == Self.secret)
        #expect(settings.tokenURL == "https://api.infusionsoft.com/token")
        #expect(!"\(configuration)".contains(Self.secret))
        var env = Self.oauth
        env["KEAP_TOKEN_URL"] = "http://127.0.0.1:9000/token"
        guard case .oauth(let local) = try KeapClientConfiguration.fromEnvironment(env).credentials else { return }
        #expect(local.tokenURL == "http://127.0.0.1:9000/token")
    }

    @Test("the token file without client credentials names what is missing", arguments: ["KEAP_CLIENT_ID", "KEAP_CLIENT_SECRET"])
    func missingClient(variable: String) {
        var env = Self.oauth
        env[variable] = ""
        let error = Self.error(env)
        #expect(error?.variable == variable)
        #expect(error?.message.contains(variable) == true)
        #expect(error.map { !"\($0)".contains(Self.secret) } == true)
    }

    @Test("more than one credential is refused, naming the variables and no value", arguments: [
        ["KEAP_API_KEY"], ["KEAP_ACCESS_TOKEN"], ["KEAP_API_KEY", "KEAP_ACCESS_TOKEN"],
    ])
    func moreThanOne(others: [String]) {
        var env = Self.oauth
        for name in others { env[name] = "other-SECRET-\(name)" }
        let error = Self.error(env)
        #expect(error?.message.contains("KEAP_TOKEN_FILE") == true)
        #expect(error?.message.contains("set only one") == true)
        #expect(error.map { !"\($0)".contains("SECRET") } == true)
    }

    @Test("no credential at all names all three ways")
    func none() {
        let error = Self.error(["KEAP_CLIENT_ID": "app-1"])
        for name in ["KEAP_API_KEY", "KEAP_ACCESS_TOKEN", "KEAP_TOKEN_FILE"] {
            #expect(error?.message.contains(name) == true)
        }
    }

    @Test("a bad token URL names the variable and the value", arguments: ["ftp://x/token", "api.infusionsoft.com/token", "https://u:p@api.infusionsoft.com/token"])
    func badTokenURL(url: String) {
        var env = Self.oauth
        env["KEAP_TOKEN_URL"] = url
        let error = Self.error(env)
        #expect(error?.variable == "KEAP_TOKEN_URL")
        #expect(error.map { !"\($0)".contains(Self.secret) } == true)
    }

    @Test("a client secret with a line break is refused without showing it")
    func secretWithNewline() {
        var env = Self.oauth
        env["KEAP_CLIENT_SECRET"] = Self.secret + "\n"
        let error = Self.error(env)
        #expect(error?.variable == "KEAP_CLIENT_SECRET")
        #expect(error.map { !"\($0)".contains(Self.secret) } == true)
    }
}
