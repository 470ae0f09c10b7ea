/// What the sandbox's `/token` endpoint has handed out: authorization codes (single use), access tokens with their
/// expiry, and the one live refresh token of each authorization (Keap rotates them: a used one is dead). Never part
/// of the dump or the snapshot.
struct SandboxOAuth: Sendable {
    /// Code → the redirect URI it was issued for (the exchange must repeat it).
    var codes: [String: String] = [:]
    var accessTokens: [String: ContinuousClock.Instant] = [:]
    var refreshTokens: Set<String> = []
    /// Refresh tokens already exchanged, so the refusal can say "already used" (Keap says only that it is invalid).
    var usedRefreshTokens: Set<String> = []
    /// The next this many successful grants are applied, then their connection is closed without an answer.
    var dropAnswers = 0

    /// A new access and refresh token pair.
    mutating func issue(lifetime: Duration, now: ContinuousClock.Instant) -> (access: String, refresh: String) {
        let access = Self.randomToken("sbx-at-")
        let refresh = Self.randomToken("sbx-rt-")
        accessTokens[access] = now + lifetime
        refreshTokens.insert(refresh)
        return (access, refresh)
    }

    mutating func newCode(redirectURI: String) -> String {
        let code = Self.randomToken("sbx-code-")
        codes[code] = redirectURI
        return code
    }

    /// Nil = never issued; false = issued and expired.
    func isLive(accessToken: String, now: ContinuousClock.Instant) -> Bool? {
        accessTokens[accessToken].map { now < $0 }
    }

    /// Every issued access token stops working now (as if a day had passed).
    mutating func expireAccessTokens(now: ContinuousClock.Instant) {
        for token in accessTokens.keys { accessTokens[token] = now }
    }

    /// 128 random bits in hex: tokens must not be guessable, even in a stand-in (it may listen on a shared host).
    static func randomToken(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let high = String(generator.next() as UInt64, radix: 16)
        let low = String(generator.next() as UInt64, radix: 16)
        return prefix + String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }
}
