import LedgerCore

/// How a ledger payment is recorded in Keap when it does not fit Keap's balance (issue #12, item 6). Keap refuses a
/// payment above the order's balance and has no payment edit, so a payment of 114.21 on an order since reduced to
/// 78.96 is recorded as what fits, and the rest later, when a change of the order makes room, as further parts:
///
/// - whole (it fits): one Keap payment whose note is the payment ref exactly (the rule-2 lookup key, as always);
/// - in parts: each Keap payment's note is `<ref> [part <n>: <amount> of <payment amount> <currency>]`, so people
///   see in Keap what was paid and how much of it the order's total does not hold, and the lookup after an unknown
///   outcome still finds every part by its ref (`belongs(_:to:)`). The part's amount is read back from its note, so
///   the ledger knows what Keap holds of each payment without trusting the payment list's amount units.
///
/// Money a refund returned is never recorded later: a remainder is at most the payment less its refunds.
struct PaymentPart: Equatable {
    let number: Int
    let amountMinor: Int64

    static func note(ref: String, number: Int, amountMinor: Int64, paymentMinor: Int64, currency: Currency) -> String {
        "\(ref) [part \(number): \(currency.format(amountMinor)) of \(currency.format(paymentMinor)) \(currency.code)]"
    }

    /// The part a Keap payment note records of payment `ref`; nil when the note is the ref itself (a whole payment) or
    /// belongs to another payment.
    static func parse(_ note: String, ref: String, currency: Currency) -> PaymentPart? {
        let prefix = "\(ref) [part "
        guard note.hasPrefix(prefix), note.hasSuffix("]") else { return nil }
        let body = note.dropFirst(prefix.count).dropLast()
        guard let colon = body.firstIndex(of: ":"), let number = Int(body[..<colon]) else { return nil }
        let amountText = body[body.index(after: colon)...].drop { $0 == " " }.prefix { $0 != " " }
        guard let amount = DecimalAmount(text: String(amountText)).flatMap({ currency.minorUnits(of: $0) }) else { return nil }
        return PaymentPart(number: number, amountMinor: amount)
    }

    /// Whether a Keap payment's note records (some of) payment `ref`.
    static func belongs(_ note: String?, to ref: String) -> Bool {
        guard let note else { return false }
        return note == ref || note.hasPrefix("\(ref) [part ")
    }
}
