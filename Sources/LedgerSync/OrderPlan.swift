import LedgerCore
import LedgerStore

/// What one order's flush changes in an existing Keap order, decided once from the ledger's order and what Keap is
/// believed to show (`OrderBaseline`, the items linked to Keap ids, Keap's balance). `OrderSync` carries it out and
/// `outbox flush --dry-run` prints it: one decision, so the plan shown is the plan sent. What only Keap's answers can
/// settle (a lookup after an unknown outcome, a re-read before a deactivation) stays with the sync.
struct OrderPlan {
    enum ItemChange: Equatable {
        /// No Keap item yet: POST it. `afterLookup`: a create whose outcome is unknown, so Keap's order is searched first.
        case add(KeapOrderItemView, afterLookup: Bool)
        /// Linked, but quantity or unit price differ from what Keap shows: PATCH both.
        case update(KeapOrderItemView)
        /// Linked to a Keap item the ledger's order no longer has: DELETE it.
        case remove(key: String)
    }

    /// One step of recording the ledger's payments, in the order of the ledger's payments.
    enum PaymentStep: Equatable {
        /// POST a payment of `amountMinor` with `note` (the ref for a whole payment, else a `PaymentPart` note);
        /// `restMinor` is what stays unrecorded above Keap's balance.
        case record(KeapPaymentView, amountMinor: Int64, note: String, restMinor: Int64)
        /// Nothing fits: Keap's balance (`balanceMinor`, perhaps ≤ 0) is used up. `partRecorded`: an earlier part is.
        case aboveBalance(KeapPaymentView, wantedMinor: Int64, balanceMinor: Int64, partRecorded: Bool)
        /// Something is to record but Keap's balance is not known (the dry run, which reads nothing from Keap).
        case balanceUnknown(KeapPaymentView, wantedMinor: Int64)
    }

    let items: [ItemChange]
    /// The custom-field values to PATCH; nil when Keap shows them all.
    let customFields: [(key: String, value: String?)]?

    /// Items in the ledger's order, then removals by key. `linked`: item keys with a Keap id; `pendingLookup`: keys
    /// with a create whose outcome is unknown (the sync resolves those before planning, the dry run cannot).
    init(_ desired: KeapOrderView, baseline: OrderBaseline, linked: Set<String>, pendingLookup: Set<String> = [], currency: Currency) {
        var items: [ItemChange] = []
        for item in desired.items {
            guard linked.contains(item.key) else {
                items.append(.add(item, afterLookup: pendingLookup.contains(item.key)))
                continue
            }
            let wanted = OrderBaseline.Item(quantity: item.quantity, priceMinor: item.pricePerUnit)
            if baseline.items[item.key] != wanted { items.append(.update(item)) }
        }
        let kept = Set(desired.items.map(\.key))
        for key in linked.sorted() where !kept.contains(key) { items.append(.remove(key: key)) }
        self.items = items
        let fields = OrderFields.values(of: desired)
        customFields = fields.contains(where: { baseline.customFields[$0.key] != .some($0.value) }) ? fields : nil
    }

    var isEmpty: Bool { items.isEmpty && customFields == nil }

    /// The payments to record, never above Keap's balance (`balanceMinor`, nil when unknown): what each payment still
    /// lacks (`outstanding`, from the parts linked in `entries`), up to what the balance leaves after the ones before.
    static func payments(_ desired: KeapOrderView, entries: [String: KeapRefEntry], currency: Currency, balanceMinor: Int64?) throws(StreamFailure) -> [PaymentStep] {
        var steps: [PaymentStep] = []
        var balance = balanceMinor
        for payment in desired.payments {
            let ref = payment.paymentRef
            let amount = payment.amount
            let recorded = Self.recorded(ref, amount: amount, entries: entries, currency: currency)
            let wanted = Self.outstanding(ref, amount: amount, held: recorded.held, refunds: desired.refunds, currency: currency)
            guard wanted > 0 else { continue }
            guard let room = balance else {
                steps.append(.balanceUnknown(payment, wantedMinor: wanted))
                continue
            }
            guard room > 0 else {
                steps.append(.aboveBalance(payment, wantedMinor: wanted, balanceMinor: room, partRecorded: recorded.held > 0))
                continue
            }
            let send = min(wanted, room)
            let note = recorded.held == 0 && send == amount
                ? ref
                : PaymentPart.note(ref: ref, number: recorded.parts + 1, amountMinor: send, paymentMinor: amount, currency: currency)
            steps.append(.record(payment, amountMinor: send, note: note, restMinor: wanted - send))
            balance = room - send
        }
        return steps
    }

    /// What Keap holds of payment `ref` by the parts linked in `entries` (a whole payment, or parts read from their
    /// notes), and how many parts that is.
    static func recorded(_ ref: String, amount: Int64, entries: [String: KeapRefEntry], currency: Currency) -> (held: Int64, parts: Int) {
        var held: Int64 = 0
        var parts = 0
        for (key, entry) in entries where entry.keapID != nil {
            if key == ref {
                held += amount
                parts += 1
            } else if let part = PaymentPart.parse(key, ref: ref, currency: currency) {
                held += part.amountMinor
                parts += 1
            }
        }
        return (held, parts)
    }

    /// What is still to record of payment `ref`: all of it while nothing is; after a part, the rest less what was
    /// refunded of it (a refund of the excess settles it: Keap's paid amount does not change).
    static func outstanding(_ ref: String, amount: Int64, held: Int64, refunds: [KeapRefundView], currency: Currency) -> Int64 {
        guard held > 0 else { return amount }
        let refunded = refunds.filter { $0.paymentRef == ref }.reduce(Int64(0)) { $0 + $1.amount }
        return max(0, amount - refunded - held)
    }

    /// The tenant's currency when the order is in it. Keap orders have no currency of their own, so an order in
    /// another one cannot be sent (parked before any call, and the dry run says so).
    static func currency(of desired: KeapOrderView, tenant: Currency) throws(StreamFailure) -> Currency {
        let currency = desired.currency
        guard currency == tenant else {
            throw StreamFailure.refused("order \(desired.orderRef) is in \(currency.code), but the Keap tenant's currency is \(tenant.code) (KEAP_CURRENCY) and Keap orders have no currency of their own; it cannot be sent to this tenant")
        }
        return currency
    }
}
