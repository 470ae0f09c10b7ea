import KeapClient
import Testing

/// The retry policy of one call, row by row: a sequence of try outcomes and the steps the policy answers with. The
/// client-level table (`ClassificationTests`) checks the same rules end to end through the real client.
@Suite("Retry policy")
struct RetryPolicyTests {
    typealias Outcome = RetryPolicy.Outcome
    typealias Step = RetryPolicy.Step

    struct Row: Sendable, CustomTestStringConvertible {
        let label: String
        let method: String
        let tries: Int
        var strictPostRetry = false
        var refreshable = false
        let outcomes: [Outcome]
        let steps: [Step]
        var testDescription: String { "\(method) \(label)" }
    }

    static let rows: [Row] = [
        // Success and retries within the budget; the backoff number is the retry's (0 for the first).
        Row(label: "200", method: "GET", tries: 4, outcomes: [.answered(status: 200)], steps: [.accept]),
        Row(label: "500,503,200", method: "GET", tries: 4,
            outcomes: [.answered(status: 500), .answered(status: 503), .answered(status: 200)],
            steps: [.resend(backoffRetry: 0), .resend(backoffRetry: 1), .accept]),
        Row(label: "timeout,lost,refused,200", method: "PATCH", tries: 4,
            outcomes: [.notAnswered(.timedOut), .notAnswered(.connectionLost), .notAnswered(.cannotConnect), .answered(status: 200)],
            steps: [.resend(backoffRetry: 0), .resend(backoffRetry: 1), .resend(backoffRetry: 2), .accept]),
        // Out of tries: the last retryable outcome gives up instead of resending.
        Row(label: "429 x3 with 3 tries", method: "GET", tries: 3,
            outcomes: [.answered(status: 429), .answered(status: 429), .answered(status: 429)],
            steps: [.resend(backoffRetry: 0), .resend(backoffRetry: 1), .giveUp]),
        Row(label: "500 with 1 try", method: "DELETE", tries: 1, outcomes: [.answered(status: 500)], steps: [.giveUp]),
        Row(label: "0 tries means 1", method: "GET", tries: 0, outcomes: [.answered(status: 500)], steps: [.giveUp]),
        // Final answers stop at once.
        Row(label: "404", method: "GET", tries: 4, outcomes: [.answered(status: 404)], steps: [.fail(.permanent)]),
        Row(label: "404 is done", method: "DELETE", tries: 4, outcomes: [.answered(status: 404)], steps: [.accept]),
        Row(label: "403", method: "GET", tries: 4, outcomes: [.answered(status: 403)], steps: [.fail(.authentication)]),
        // A create is re-sent only when it provably was not applied.
        Row(label: "refused,201", method: "POST", tries: 4,
            outcomes: [.notAnswered(.cannotConnect), .answered(status: 201)], steps: [.resend(backoffRetry: 0), .accept]),
        Row(label: "timeout", method: "POST", tries: 4, outcomes: [.notAnswered(.timedOut)], steps: [.fail(.unknownOutcome)]),
        Row(label: "500", method: "POST", tries: 4, outcomes: [.answered(status: 500)], steps: [.fail(.unknownOutcome)]),
        Row(label: "429", method: "POST", tries: 4, outcomes: [.answered(status: 429)], steps: [.resend(backoffRetry: 0)]),
        Row(label: "429 strict", method: "POST", tries: 4, strictPostRetry: true,
            outcomes: [.answered(status: 429)], steps: [.fail(.unknownOutcome)]),
        // 401: without refreshable credentials it is final.
        Row(label: "401 with an API key", method: "GET", tries: 4, outcomes: [.answered(status: 401)], steps: [.fail(.authentication)]),
        // With OAuth: one refresh, resent at once and not counted; a second 401 is final.
        Row(label: "401,200 with OAuth and 1 try", method: "POST", tries: 1, refreshable: true,
            outcomes: [.answered(status: 401), .answered(status: 201)], steps: [.refreshThenResend, .accept]),
        Row(label: "401,401 with OAuth", method: "GET", tries: 4, refreshable: true,
            outcomes: [.answered(status: 401), .answered(status: 401)], steps: [.refreshThenResend, .fail(.authentication)]),
        Row(label: "500,401,500 with OAuth and 2 tries", method: "GET", tries: 2, refreshable: true,
            outcomes: [.answered(status: 500), .answered(status: 401), .answered(status: 500)],
            steps: [.resend(backoffRetry: 0), .refreshThenResend, .giveUp]),
        Row(label: "500,401,500,200 with OAuth and 3 tries", method: "GET", tries: 3, refreshable: true,
            outcomes: [.answered(status: 500), .answered(status: 401), .answered(status: 500), .answered(status: 200)],
            steps: [.resend(backoffRetry: 0), .refreshThenResend, .resend(backoffRetry: 1), .accept]),
    ]

    @Test(arguments: rows)
    func row(_ row: Row) {
        var policy = RetryPolicy(method: row.method, tries: row.tries, strictPostRetry: row.strictPostRetry, refreshable: row.refreshable)
        #expect(row.outcomes.map { policy.next(after: $0) } == row.steps)
    }

    struct UnreadableRow: Sendable, CustomTestStringConvertible {
        let method: String
        let tries: Int
        let before: [Outcome]
        let step: Step
        var testDescription: String { "\(method), \(before.count) tries before, \(tries) in all" }
    }

    /// A 2xx the caller cannot read: the same try, so nothing more is counted.
    static let unreadableRows: [UnreadableRow] = [
        UnreadableRow(method: "GET", tries: 4, before: [], step: .resend(backoffRetry: 0)),
        UnreadableRow(method: "PATCH", tries: 4, before: [.answered(status: 500)], step: .resend(backoffRetry: 1)),
        UnreadableRow(method: "GET", tries: 1, before: [], step: .giveUp),
        UnreadableRow(method: "DELETE", tries: 2, before: [.notAnswered(.timedOut)], step: .giveUp),
        UnreadableRow(method: "POST", tries: 4, before: [], step: .fail(.unknownOutcome)),
    ]

    @Test(arguments: unreadableRows)
    func unreadableAnswer(_ row: UnreadableRow) {
        var policy = RetryPolicy(method: row.method, tries: row.tries, strictPostRetry: false, refreshable: false)
        for outcome in row.before { _ = policy.next(after: outcome) }
        #expect(policy.next(after: .answered(status: 200)) == .accept)
        #expect(policy.nextAfterUnreadableAnswer() == row.step)
        #expect(policy.counted == row.before.count + 1)
    }
}
