/// Starts (or restarts) an OAuth2 authorization: one grant at the token endpoint, then the token file written, under
/// the refreshers' lock so that a flush refreshing at the same moment cannot overwrite the new tokens with old ones.
package enum KeapAuthorization {
    /// Exchanges `grant` and writes the tokens to `settings.tokenFile` (atomically, mode 0600).
    package static func start(_ grant: KeapTokenGrant, settings: KeapOAuthSettings, transport: any HTTPTransport,
                              lockTimeout: Duration = .seconds(60)) async throws(KeapCallError) -> KeapTokenSet {
        let scrubber = KeapSecretScrubber()
        let path = KeapTokenEndpoint.pathOf(settings.tokenURL)
        let lock: KeapTokenFileLock
        do {
            lock = try await KeapTokenFileLock.acquire(tokenFile: settings.tokenFile, timeout: lockTimeout)
        } catch {
            throw KeapCallError(kind: .retryable, method: "POST", path: path, status: nil, message: error.description)
        }
        defer { lock.release() }
        let tokens = try await KeapTokenEndpoint(settings: settings, transport: transport, scrubber: scrubber).request(grant)
        do {
            try KeapTokenFile.write(tokens, to: settings.tokenFile)
        } catch {
            throw KeapCallError(kind: .authentication, method: "POST", path: path, status: 200,
                                message: "Keap issued tokens but they could not be saved (\(error)); fix that, then "
                                    + KeapOAuthSettings.reauthorizeInstruction(tokenFile: settings.tokenFile))
        }
        return tokens
    }
}
