/// The retry decisions of one call, apart from the sending: after each try it says what comes next. Pure (no clock,
/// no I/O, no randomness), so the whole policy is a table of outcome sequences and the steps they lead to.
///
/// The rules: `tries` sends are counted at most (at least one). What one answer means is `CallClassification`'s. With
/// OAuth, a 401 leads to one token refresh and an immediate resend that does not use up a try (a token can die
/// before its expiry; a 401 proves nothing was applied, POST included); a second 401 is final. Every other resend
/// waits out the backoff of its retry number (0 for the first retry).
package struct RetryPolicy: Sendable, Equatable {
    /// What one try came to.
    package enum Outcome: Sendable, Equatable {
        /// No HTTP answer: the transport failed this way.
        case notAnswered(TransportError.Kind)
        /// An HTTP answer with this status.
        case answered(status: Int)
    }

    /// What the client does next.
    package enum Step: Sendable, Equatable {
        /// Read the answer: it is the result.
        case accept
        /// Sleep the backoff of retry number `backoffRetry`, then send again.
        case resend(backoffRetry: Int)
        /// Refresh the access token, then send again at once; the rejected try is not counted.
        case refreshThenResend
        /// Stop with this kind.
        case fail(KeapCallError.Kind)
        /// The last try was retryable and none is left: report `.retryable`.
        case giveUp
    }

    package let method: String
    package let tries: Int
    package let strictPostRetry: Bool
    /// The credentials can be refreshed (OAuth); an API key or a fixed access token cannot.
    package let refreshable: Bool
    /// Tries counted so far.
    package private(set) var counted = 0
    package private(set) var refreshed = false

    package init(method: String, tries: Int, strictPostRetry: Bool, refreshable: Bool) {
        self.method = method
        self.tries = max(1, tries)
        self.strictPostRetry = strictPostRetry
        self.refreshable = refreshable
    }

    /// The step after a try that ended with `outcome`.
    package mutating func next(after outcome: Outcome) -> Step {
        switch outcome {
        case .notAnswered(let kind):
            counted += 1
            return step(for: CallClassification.classify(transport: kind, method: method))
        case .answered(status: 401) where refreshable && !refreshed:
            refreshed = true
            return .refreshThenResend
        case .answered(let status):
            counted += 1
            return step(for: CallClassification.classify(status: status, method: method, strictPostRetry: strictPostRetry))
        }
    }

    /// The step after an accepted answer turned out unreadable. The same try, so nothing more is counted; never
    /// `.accept`.
    package func nextAfterUnreadableAnswer() -> Step {
        switch CallClassification.classifyUnreadableSuccess(method: method) {
        case .fail(let kind): .fail(kind)
        case .retry, .success: retry
        }
    }

    private func step(for classification: CallClassification) -> Step {
        switch classification {
        case .success: .accept
        case .retry: retry
        case .fail(let kind): .fail(kind)
        }
    }

    private var retry: Step {
        counted < tries ? .resend(backoffRetry: counted - 1) : .giveUp
    }
}
