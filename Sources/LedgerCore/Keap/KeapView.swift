/// What Keap should show for one stream, computed from its folded state: the outbox's desired state
/// (`spec/keap-sync.md`, Mapping). Pure and deterministic, so the same ledger state always gives the same bytes (and
/// hash): a `rebuild` or a repeated projection finds nothing new to send.
///
/// Refs and values only; Keap ids, custom-field ids and the payment-type names of a tenant are resolved by the flush.
/// Money is decimal text in the currency's scale (`price_per_unit`, `payment_amount` are decimals in Keap) next to
/// the exact minor units the flush compares totals with.
package struct KeapView: Sendable, Equatable {
    /// False while the stream must not be sent: an order without `order.placed`, a subscription without
    /// `subscription.started`, a product or customer no upsert could be applied to.
    package let isReady: Bool
    package let value: JSONValue

    /// The desired Keap state of `state`.
    package init(_ state: StreamState) {
        switch state {
        case .order(let order): self = KeapView.order(order)
        case .customer(let customer): self = KeapView.customer(customer)
        case .product(let product): self = KeapView.product(product)
        case .subscription(let subscription): self = KeapView.subscription(subscription)
        }
    }

    private init(isReady: Bool, value: JSONValue) {
        self.isReady = isReady
        self.value = value
    }

    /// The view as compact JSON, members in the order built here (fixed by this code, so the same state always
    /// gives the same bytes): what the outbox stores and hashes. Not the canonical form, which rewrites numbers
    /// (`1250` as `125e1`) for comparing feed lines.
    package var bytes: [UInt8] {
        var bytes: [UInt8] = []
        JSONWriter.write(value, into: &bytes)
        return bytes
    }

    // MARK: - Orders

    private static func order(_ order: OrderState) -> KeapView {
        guard order.isComplete, let currency = order.currency else {
            return KeapView(isReady: false, value: .object(["kind": .string("order"), "order_ref": .string(order.orderRef)]))
        }
        let money = { (amount: Int64) -> JSONValue in .string(currency.format(amount)) }
        var items: [JSONValue] = order.lines.map { line in
            .object([
                "key": .string("line:" + line.lineRef),
                "item_type": .string("PRODUCT"),
                "sku": .string(line.sku),
                "description": .text(line.description),
                "quantity": .integer(line.quantity),
                "price_per_unit": money(line.unitPrice),
            ])
        }
        // Charges are items without a product; a zero charge is no item (keap-sync.md: delete it at 0).
        for (type, amount) in [("SHIPPING", order.totals.shipping), ("TAX", order.totals.tax), ("DISCOUNT", order.totals.discount)] where amount != 0 {
            items.append(.object([
                "key": .string("charge:" + type),
                "item_type": .string(type),
                "quantity": .integer(1),
                // Positive here; the DISCOUNT sign Keap expects is the flush's setting ([verify] in keap-sync.md).
                "price_per_unit": money(amount),
            ]))
        }
        let latest = order.shipments.last
        return KeapView(isReady: true, value: .object([
            "kind": .string("order"),
            "order_ref": .string(order.orderRef),
            "customer_ref": .text(order.customerRef),
            "order_title": .string(order.orderRef),
            "order_type": .string("ONLINE"),
            "order_time": .text(order.placedAt?.utcText),
            "currency": .string(currency.code),
            "items": .array(items),
            "total": money(order.totals.total),
            "total_minor": .integer(order.totals.total),
            "custom_fields": .object([
                "ExternalOrderRef": .string(order.orderRef),
                "FulfillmentStatus": .text(order.status?.rawValue),
                "Carrier": .text(latest?.carrier),
                "TrackingNumber": .text(latest?.trackingNumber),
                "TrackingUrl": .text(latest?.trackingURL),
                "ShippedAt": .text(latest?.shippedAt.utcText),
                "DeliveredAt": .text(latest?.deliveredAt?.utcText),
            ]),
            "payments": .array(order.payments.map { payment in
                .object([
                    "payment_ref": .string(payment.paymentRef),
                    "payment_amount": money(payment.amount),
                    "method": .text(payment.method?.rawValue),
                    "payment_time": .string(payment.capturedAt.utcText),
                ])
            }),
            // Keap has no refund API: refunds are recorded (custom field / note) and counted when reconciling.
            "refunds": .array(order.refunds.map { refund in
                .object([
                    "refund_ref": .string(refund.refundRef),
                    "payment_ref": .string(refund.paymentRef),
                    "amount": money(refund.amount),
                    "refunded_at": .string(refund.refundedAt.utcText),
                ])
            }),
        ]))
    }

    // MARK: - Customers, products, subscriptions

    private static func customer(_ customer: CustomerState) -> KeapView {
        func address(_ field: String, _ address: PostalAddress?) -> JSONValue? {
            guard let address else { return nil }
            return .object([
                "field": .string(field),
                "line1": .string(address.line1),
                "line2": .text(address.line2),
                "locality": .string(address.city),
                "region": .text(address.region),
                "postal_code": .text(address.postalCode),
                // Keap v2 wants ISO 3166-1 alpha-3; the validator accepted only assigned alpha-2 codes.
                "country_code": .text(CountryTable.alpha3ByAlpha2[address.countryCode]),
            ])
        }
        let addresses = [address("BILLING", customer.billingAddress), address("SHIPPING", customer.shippingAddress)].compactMap { $0 }
        return KeapView(isReady: customer.email != nil, value: .object([
            "kind": .string("customer"),
            "customer_ref": .string(customer.customerRef),
            "email": .text(customer.email),
            "given_name": .text(customer.firstName),
            "family_name": .text(customer.lastName),
            "phone": .text(customer.phone),
            "company": .text(customer.company),
            "addresses": .array(addresses),
        ]))
    }

    private static func product(_ product: ProductState) -> KeapView {
        KeapView(isReady: product.name != nil && product.price != nil, value: .object([
            "kind": .string("product"),
            "sku": .string(product.sku),
            "name": .text(product.name),
            "description": .text(product.description),
            // Keap's product price is integer minor units.
            "price_minor": product.price.map(JSONValue.integer) ?? .null,
            "currency": .text(product.currency?.code),
            "active": .bool(product.isActive),
            "subscription": .bool(product.isSubscription),
        ]))
    }

    private static func subscription(_ subscription: SubscriptionState) -> KeapView {
        let price: JSONValue = if let amount = subscription.price, let currency = subscription.currency {
            .string(currency.format(amount))
        } else {
            .null
        }
        return KeapView(isReady: subscription.isComplete, value: .object([
            "kind": .string("subscription"),
            "subscription_ref": .string(subscription.subscriptionRef),
            "customer_ref": .text(subscription.customerRef),
            "sku": .text(subscription.sku),
            "price": price,
            "currency": .text(subscription.currency?.code),
            "interval": .text(subscription.interval?.rawValue),
            "interval_count": .integer(subscription.intervalCount),
            "status": .text(subscription.status?.rawValue),
            // Start dates cannot be in the past in Keap ([verify]): the real dates travel as custom fields.
            "started_at": .text(subscription.startedAt?.utcText),
            "current_period_end": .text(subscription.currentPeriodEnd?.utcText),
            "order_refs": .array(subscription.orderRefs.map(JSONValue.string)),
        ]))
    }
}
