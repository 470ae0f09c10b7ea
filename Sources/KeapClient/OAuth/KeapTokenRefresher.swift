import Foundation

/// Keeps a valid OAuth2 access token for one client: reads the token file, refreshes when the access token expires
/// within 5 minutes or after Keap refused it, and persists the rotated tokens before anyone uses them.
///
/// One refresh at a time: within the process by this actor (concurrent callers join the refresh in flight), across
/// processes by the `flock` on `<token file>.lock`. After taking the lock the file is read again, because another
/// process may have refreshed while this one waited: then its tokens are adopted and no refresh is sent (a second
/// refresh with the old token would fail, Keap having rotated it).
package actor KeapTokenRefresher {
    /// Refresh this long before the expiry, so that a call started just before it does not arrive with a dead token.
    package static let refreshMargin: Duration = .seconds(300)

    private let settings: KeapOAuthSettings
    private let endpoint: KeapTokenEndpoint
    private let scrubber: KeapSecretScrubber
    private let lockTimeout: Duration
    private var current: KeapTokenSet?
    private var inFlight: Task<Result<KeapTokenSet, KeapCallError>, Never>?

    package init(settings: KeapOAuthSettings, transport: any HTTPTransport, scrubber: KeapSecretScrubber,
                 lockTimeout: Duration = .seconds(60)) {
        self.settings = settings
        self.scrubber = scrubber
        self.lockTimeout = lockTimeout
        endpoint = KeapTokenEndpoint(settings: settings, transport: transport, scrubber: scrubber)
    }

    /// The access token to send now, refreshed first when it expires within `refreshMargin`.
    package func accessToken() async throws(KeapCallError) -> KeapSecret {
        if current == nil {
            // First use: no lock needed to read, the file is only ever replaced whole (rename).
            current = try fileTokens()
        }
        if let current, !current.expires(within: Self.refreshMargin) { return current.accessToken }
        return try await refreshed(rejecting: nil)
    }

    /// Called once after Keap answered 401 to `rejected`: an access token can stop working before its expiry. Returns
    /// the token to retry with (a newer one, if another caller already refreshed).
    package func accessToken(afterRejecting rejected: KeapSecret) async throws(KeapCallError) -> KeapSecret {
        if let current, current.accessToken.valueForAuthorizationHeader != rejected.valueForAuthorizationHeader,
           !current.expires(within: Self.refreshMargin) {
            return current.accessToken
        }
        return try await refreshed(rejecting: rejected.valueForAuthorizationHeader)
    }

    private func refreshed(rejecting rejected: String?) async throws(KeapCallError) -> KeapSecret {
        let task: Task<Result<KeapTokenSet, KeapCallError>, Never>
        if let inFlight {
            task = inFlight
        } else {
            let settings = settings, endpoint = endpoint, scrubber = scrubber, lockTimeout = lockTimeout
            task = Task {
                await Self.refreshUnderLock(settings: settings, endpoint: endpoint, scrubber: scrubber,
                                            lockTimeout: lockTimeout, rejected: rejected)
            }
            inFlight = task
        }
        let result = await task.value
        if inFlight == task { inFlight = nil }
        let tokens = try result.get()
        current = tokens
        return tokens.accessToken
    }

    /// Lock, re-read, refresh only if the file still holds the rejected or expiring token, write, unlock.
    private static func refreshUnderLock(
        settings: KeapOAuthSettings, endpoint: KeapTokenEndpoint, scrubber: KeapSecretScrubber,
        lockTimeout: Duration, rejected: String?
    ) async -> Result<KeapTokenSet, KeapCallError> {
        let lock: KeapTokenFileLock
        do {
            lock = try await KeapTokenFileLock.acquire(tokenFile: settings.tokenFile, timeout: lockTimeout)
        } catch {
            return .failure(fileFailure(error, settings))
        }
        defer { lock.release() }
        let onDisk: KeapTokenSet
        do {
            onDisk = try KeapTokenFile.read(settings.tokenFile)
        } catch {
            return .failure(fileFailure(error, settings))
        }
        scrubber.add(onDisk.accessToken.valueForAuthorizationHeader)
        scrubber.add(onDisk.refreshToken.valueForAuthorizationHeader)
        if onDisk.accessToken.valueForAuthorizationHeader != rejected, !onDisk.expires(within: refreshMargin) {
            // Someone else refreshed while this caller waited for the lock.
            return .success(onDisk)
        }
        let fresh: KeapTokenSet
        do {
            fresh = try await endpoint.request(.refreshToken(onDisk.refreshToken))
        } catch {
            return .failure(error)
        }
        // Persisted before anyone uses the new access token: from here on the old refresh token is dead, and a new
        // one that exists only in memory would die with the process.
        do {
            try KeapTokenFile.write(fresh, to: settings.tokenFile)
        } catch {
            return .failure(KeapCallError(
                kind: .authentication, method: "POST", path: KeapTokenEndpoint.pathOf(settings.tokenURL), status: 200,
                message: "Keap issued new tokens but they could not be saved (\(error)); the old refresh token no longer works, so "
                    + KeapOAuthSettings.reauthorizeInstruction(tokenFile: settings.tokenFile)))
        }
        return .success(fresh)
    }

    private func fileTokens() throws(KeapCallError) -> KeapTokenSet {
        do {
            let tokens = try KeapTokenFile.read(settings.tokenFile)
            scrubber.add(tokens.accessToken.valueForAuthorizationHeader)
            scrubber.add(tokens.refreshToken.valueForAuthorizationHeader)
            return tokens
        } catch {
            throw Self.fileFailure(error, settings)
        }
    }

    /// A token file that cannot be used stops the run like refused credentials do (the flush exits 69).
    private static func fileFailure(_ error: KeapTokenFileError, _ settings: KeapOAuthSettings) -> KeapCallError {
        let kind: KeapCallError.Kind = if case .lockTimeout = error.reason { .retryable } else { .authentication }
        return KeapCallError(kind: kind, method: "POST", path: KeapTokenEndpoint.pathOf(settings.tokenURL), status: nil,
                             message: error.description)
    }
}
