/// What kind of fact did not add up. The raw values are stable: they appear in projections and `--json` output.
package enum AnomalyCode: String, Sendable, Equatable, CaseIterable {
    /// A line change, shipment, payment… that occurred before the order's `order.placed` (or a subscription event
    /// before its `subscription.started`): applied when the start event arrived.
    case beforeStart = "before_start"
    /// A second `order.placed` / `subscription.started` for the same stream: ignored.
    case startedAgain = "started_again"
    /// An amount with more decimals than the stream's currency has: the event is ignored.
    case amountPrecision = "amount_precision"
    /// An amount that would overflow 64-bit minor units: the event is ignored.
    case amountOutOfRange = "amount_out_of_range"
    /// `order.line_added` with a line ref the order already has: ignored.
    case lineExists = "line_exists"
    /// A change or removal of a line the order does not have: ignored.
    case unknownLine = "unknown_line"
    /// A shipment naming a line the order does not have (that line of the shipment is not counted).
    case shipmentUnknownLine = "shipment_unknown_line"
    /// More of a line shipped than was ordered (counted anyway: goods left the warehouse).
    case shippedMoreThanOrdered = "shipped_more_than_ordered"
    /// A second `shipment.shipped` with the same shipment ref: ignored.
    case shipmentExists = "shipment_exists"
    /// Delivery or return of a shipment the order does not have: ignored.
    case unknownShipment = "unknown_shipment"
    /// A second capture with the same payment ref: ignored.
    case paymentExists = "payment_exists"
    /// A second refund with the same refund ref: ignored.
    case refundExists = "refund_exists"
    /// A refund against a payment the order does not have (kept: money moved).
    case refundUnknownPayment = "refund_unknown_payment"
    /// Refunds of a payment add up to more than it captured (kept: money moved).
    case refundExceedsPayment = "refund_exceeds_payment"
    /// Net payments exceed the order total (kept).
    case paidMoreThanTotal = "paid_more_than_total"
    /// The order's total went below zero (discount larger than the rest).
    case negativeTotal = "negative_total"
    /// A change to the order after it was cancelled (applied, and flagged).
    case afterCancellation = "after_cancellation"
    /// A currency that differs from the stream's (a repeated start event with another currency).
    case currencyMismatch = "currency_mismatch"
    /// A subscription renewed after it was cancelled or expired (applied, and flagged).
    case renewedAfterEnd = "renewed_after_end"
}
