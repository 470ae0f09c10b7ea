extension KeapClientConfiguration {
    /// Reads the Keap connection from environment variables (cli.md):
    /// `KEAP_API_KEY`, `KEAP_ACCESS_TOKEN` or `KEAP_TOKEN_FILE` (exactly one; the token file with `KEAP_CLIENT_ID`,
    /// `KEAP_CLIENT_SECRET` and optionally `KEAP_TOKEN_URL`), `KEAP_BASE_URL`, `KEAP_MAX_PER_SECOND`,
    /// `KEAP_MAX_PER_MINUTE` (non-negative integers, 0 = unlimited), `KEAP_TIMEOUT_SECONDS` (positive, up to 3
    /// decimals), `KEAP_RETRY_BASE_MS` (non-negative integer milliseconds). Empty values count as unset, so
    /// `KEAP_ACCESS_TOKEN=` in a shell does not shadow a key.
    package static func fromEnvironment(_ env: [String: String]) throws(KeapConfigurationError) -> KeapClientConfiguration {
        let credentials = try credentials(from: env)
        var baseURL = defaultBaseURL
        if let text = value("KEAP_BASE_URL", in: env) {
            baseURL = try validatedURL(text, variable: "KEAP_BASE_URL", example: defaultBaseURL)
        }
        var configuration = KeapClientConfiguration(baseURL: baseURL, credentials: credentials)
        if let text = value("KEAP_MAX_PER_SECOND", in: env) {
            configuration.maxPerSecond = try nonNegativeInteger(text, variable: "KEAP_MAX_PER_SECOND")
        }
        if let text = value("KEAP_MAX_PER_MINUTE", in: env) {
            configuration.maxPerMinute = try nonNegativeInteger(text, variable: "KEAP_MAX_PER_MINUTE")
        }
        if let text = value("KEAP_TIMEOUT_SECONDS", in: env) {
            configuration.requestTimeout = try positiveSeconds(text, variable: "KEAP_TIMEOUT_SECONDS")
        }
        if let text = value("KEAP_RETRY_BASE_MS", in: env) {
            let milliseconds = try nonNegativeInteger(text, variable: "KEAP_RETRY_BASE_MS")
            configuration.backoffBase = .milliseconds(milliseconds)
        }
        return configuration
    }

    private static func value(_ name: String, in env: [String: String]) -> String? {
        guard let text = env[name], !text.isEmpty else { return nil }
        return text
    }

    private static func credentials(from env: [String: String]) throws(KeapConfigurationError) -> KeapCredentials {
        let apiKey = value("KEAP_API_KEY", in: env)
        let accessToken = value("KEAP_ACCESS_TOKEN", in: env)
        let tokenFile = value("KEAP_TOKEN_FILE", in: env)
        let given = [("KEAP_API_KEY", apiKey), ("KEAP_ACCESS_TOKEN", accessToken), ("KEAP_TOKEN_FILE", tokenFile)]
            .filter { $0.1 != nil }.map(\.0)
        guard given.count <= 1 else {
            // Choosing one silently could send the wrong tenant's key; make the operator decide.
            let list = given.count == 2 ? "both \(given[0]) and \(given[1]) are" : "KEAP_API_KEY, KEAP_ACCESS_TOKEN and KEAP_TOKEN_FILE are all"
            throw KeapConfigurationError(variable: given[0], message: "\(list) set: set only one")
        }
        if let key = apiKey {
            try checkHeaderSafe(key, variable: "KEAP_API_KEY")
            return .apiKey(KeapSecret(key))
        }
        if let token = accessToken {
            try checkHeaderSafe(token, variable: "KEAP_ACCESS_TOKEN")
            return .accessToken(KeapSecret(token))
        }
        if tokenFile != nil {
            return .oauth(try oauthSettings(from: env))
        }
        throw KeapConfigurationError(
            variable: "KEAP_API_KEY",
            message: "no Keap credentials: set KEAP_API_KEY (Service Account Key), KEAP_ACCESS_TOKEN (OAuth2 access token) "
                + "or KEAP_TOKEN_FILE (OAuth2 with refresh, with KEAP_CLIENT_ID and KEAP_CLIENT_SECRET)"
        )
    }

    /// The OAuth2 refresh settings: `KEAP_TOKEN_FILE`, `KEAP_CLIENT_ID`, `KEAP_CLIENT_SECRET` (all required) and
    /// `KEAP_TOKEN_URL`. Also what `keap auth` needs to write the first token file, so it does not look at the other
    /// credential variables.
    package static func oauthSettings(from env: [String: String]) throws(KeapConfigurationError) -> KeapOAuthSettings {
        let missing = ["KEAP_TOKEN_FILE", "KEAP_CLIENT_ID", "KEAP_CLIENT_SECRET"].filter { value($0, in: env) == nil }
        if let first = missing.first {
            throw KeapConfigurationError(
                variable: first,
                message: "OAuth2 with refresh needs KEAP_TOKEN_FILE, KEAP_CLIENT_ID and KEAP_CLIENT_SECRET; "
                    + "not set: \(missing.joined(separator: ", "))"
            )
        }
        let clientID = value("KEAP_CLIENT_ID", in: env)!
        let clientSecret = value("KEAP_CLIENT_SECRET", in: env)!
        try checkHeaderSafe(clientID, variable: "KEAP_CLIENT_ID")
        try checkHeaderSafe(clientSecret, variable: "KEAP_CLIENT_SECRET")
        var tokenURL = KeapOAuthSettings.defaultTokenURL
        if let text = value("KEAP_TOKEN_URL", in: env) {
            tokenURL = try validatedURL(text, variable: "KEAP_TOKEN_URL", example: KeapOAuthSettings.defaultTokenURL)
        }
        return KeapOAuthSettings(clientID: clientID, clientSecret: KeapSecret(clientSecret),
                                 tokenFile: value("KEAP_TOKEN_FILE", in: env)!, tokenURL: tokenURL)
    }

    /// A secret with a line break or other control character (typically a trailing newline from a file) would make
    /// an invalid header. The message names the variable only, never the value.
    private static func checkHeaderSafe(_ secret: String, variable: String) throws(KeapConfigurationError) {
        let invalid = secret.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }
        if invalid {
            throw KeapConfigurationError(
                variable: variable,
                message: "\(variable) contains spaces, line breaks or control characters (value not shown): remove them"
            )
        }
    }

    private static func validatedURL(_ text: String, variable: String, example: String) throws(KeapConfigurationError) -> String {
        let lowered = text.lowercased()
        let schemeEnd: String.Index?
        if lowered.hasPrefix("https://") {
            schemeEnd = text.index(text.startIndex, offsetBy: 8)
        } else if lowered.hasPrefix("http://") {
            schemeEnd = text.index(text.startIndex, offsetBy: 7)
        } else {
            schemeEnd = nil
        }
        guard let schemeEnd, schemeEnd < text.endIndex, text[schemeEnd] != "/",
              !text.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) else {
            throw KeapConfigurationError(
                variable: variable,
                message: "\(variable)=\"\(text)\" is not an http(s) URL with a host and no query, e.g. \(example)"
            )
        }
        // A base URL with credentials in it (user:pass@host) would end up in error paths; refuse it.
        let authority = text[schemeEnd...].prefix { $0 != "/" }
        if authority.contains("@") {
            throw KeapConfigurationError(
                variable: variable,
                message: "\(variable) must not contain user information (user@host); use the credential variables"
            )
        }
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }

    private static func nonNegativeInteger(_ text: String, variable: String) throws(KeapConfigurationError) -> Int {
        // Digits only: Int("+5") and Int(" 5") differ across parsers; reject anything that is not plainly a count.
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              text.utf8.count <= 9, let number = Int(text) else {
            throw KeapConfigurationError(
                variable: variable,
                message: "\(variable)=\"\(text)\" is not a non-negative integer (0 to 999999999)"
            )
        }
        return number
    }

    /// Seconds with up to three decimals, exact (no Double): "30", "0.5", "2.250".
    private static func positiveSeconds(_ text: String, variable: String) throws(KeapConfigurationError) -> Duration {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits: (Substring) -> Bool = { part in
            !part.isEmpty && part.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard isDigits(whole), whole.count <= 6, parts.count == 1 || (isDigits(fraction) && fraction.count <= 3),
              let seconds = Int(whole) else {
            throw KeapConfigurationError(
                variable: variable,
                message: "\(variable)=\"\(text)\" is not a positive number of seconds (e.g. 30 or 0.5)"
            )
        }
        var millisecondDigits = String(fraction)
        while millisecondDigits.count < 3 { millisecondDigits += "0" }
        let milliseconds = seconds * 1000 + (Int(millisecondDigits) ?? 0)
        guard milliseconds > 0 else {
            throw KeapConfigurationError(variable: variable, message: "\(variable)=\"\(text)\" must be more than 0 seconds")
        }
        return .milliseconds(milliseconds)
    }
}
