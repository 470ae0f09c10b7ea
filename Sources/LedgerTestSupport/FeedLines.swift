/// Valid feed lines for tests, small enough to read in a test body.
package enum FeedLines {
    package static func customer(id: String, ref: String = "C-1", email: String = "ada@example.com", source: String? = "test") -> String {
        envelope(id: id, type: "customer.upserted", source: source, data: #"{"customer_ref":"\#(ref)","email":"\#(email)"}"#)
    }

    package static func orderPlaced(id: String, ref: String = "O-1", at time: String = "2026-11-20T14:03:11Z", source: String? = "test") -> String {
        envelope(id: id, type: "order.placed", source: source, at: time, data: #"{"order_ref":"\#(ref)","customer_ref":"C-1","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95"}"#)
    }

    package static func payment(id: String, order: String = "O-1", amount: String = "29.95", source: String? = "test") -> String {
        envelope(id: id, type: "payment.captured", source: source, data: #"{"order_ref":"\#(order)","payment_ref":"P-\#(id)","amount":"\#(amount)"}"#)
    }

    /// `{"id":…,"type":…,"occurred_at":…,["source":…,]"data":…}`.
    package static func envelope(id: String, type: String, source: String? = "test", at time: String = "2026-11-20T14:00:00Z", data: String) -> String {
        let sourcePart = source.map { #","source":"\#($0)""# } ?? ""
        return #"{"id":"\#(id)","type":"\#(type)","occurred_at":"\#(time)"\#(sourcePart),"data":\#(data)}"#
    }

    /// Lines joined with `\n`, with a final line end.
    package static func feed(_ lines: String...) -> String {
        lines.joined(separator: "\n") + "\n"
    }
}
