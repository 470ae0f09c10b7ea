/// An order still in progress: everything needed to write its next event and keep its totals right.
struct OpenOrder: Sendable {
    /// The step the order takes at its next scheduled time; each step writes exactly one order-stream event.
    enum Stage: UInt8, Sendable {
        case place, pendingStatus, edit, cancel, cancelledStatus, pay, process, hold
        case ship, shipStatus, deliver, deliveredStatus, returnShipment, returnedStatus, refund
    }

    /// One order line; `quantity` 0 means changed down to nothing (the contract's "removed").
    struct Line: Sendable {
        var lineRef: Int
        var product: Int
        var quantity: Int
        var unitPrice: Int64
    }

    /// One captured payment and how much of it has been refunded.
    struct Payment: Sendable {
        var ref: Int
        var amount: Int64
        var refunded: Int64 = 0
    }

    /// The number in `ORD-<number>`.
    var number: Int = 0
    var customer: Int = 0
    var currency: FeedCurrency = .usd
    var lines: [Line] = []
    var nextLineRef = 1
    var shipping: Int64 = 0
    var tax: Int64 = 0
    var discount: Int64 = 0
    var payments: [Payment] = []
    /// Shipment refs in the order they were sent.
    var shipments: [Int] = []
    var shipmentsPlanned = 1
    var deliveries = 0
    var stage: Stage = .place
    var editsLeft = 0
    var willCancel = false
    /// The share of the total to capture before the rest, in percent; 0 captures the total at once.
    var splitPercent = 0
    /// Capture only this percentage of the total and stop (a balance left due); 0 for a full capture.
    var partialPercent = 0
    /// Whether the next refund returns everything (after a return) rather than a goodwill part.
    var refundsAll = false
    /// This order's `order.placed` is never written: it tests incomplete orders.
    var incomplete = false
    /// The subscription product bought, which starts a subscription once paid; -1 for none.
    var subscriptionProduct = -1
    /// A late event of this order, written right after the order's next event.
    var heldLine: [UInt8]? = nil

    /// Sum of quantity × unit price over the lines.
    var subtotal: Int64 {
        lines.reduce(0) { $0 + Int64($1.quantity) * $1.unitPrice }
    }

    /// What the customer owes: lines plus shipping and tax, less the discount.
    var total: Int64 {
        subtotal + shipping + tax - discount
    }

    /// Everything captured so far.
    var captured: Int64 {
        payments.reduce(0) { $0 + $1.amount }
    }

    /// Indices of lines still in the order (quantity above zero).
    var activeLineIndices: [Int] {
        lines.indices.filter { lines[$0].quantity > 0 }
    }
}
