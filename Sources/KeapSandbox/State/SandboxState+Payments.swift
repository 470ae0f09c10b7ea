import LedgerCore

/// Manual payments: never above the balance, only configured Manual Payment Types, never a stored payment method.
extension SandboxState {
    static let paymentProperties: Set<String> = [
        "notes", "payment_method_id", "payment_method_type", "payment_time", "payment_amount", "apply_to_commissions",
        "external_source", "external_source_value", "external_status_value", "external_create_time",
        "external_update_time", "external_create_user",
    ]

    func createPayment(orderID: String, _ request: SandboxRequest) throws -> SandboxReply {
        var order = try order(orderID)
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: SandboxState.paymentProperties, strict: configuration.strictUnknownProperties)
        guard let amount = try body.money("payment_amount", currency: currency, required: true),
              case .number(let amountNumber)? = body.value("payment_amount")
        else { throw SandboxHTTPError.badRequest("payment_amount is required") }
        guard amount >= 0 else { throw SandboxHTTPError.badRequest("payment_amount must not be negative") }
        guard let applyToCommissions = try body.bool("apply_to_commissions", required: true) else {
            throw SandboxHTTPError.badRequest("apply_to_commissions is required")
        }
        if let methodID = try body.string("payment_method_id") {
            // A stored payment method would charge a card; the sync must never send one.
            counters.forbiddenUsage.paymentMethodID += 1
            throw SandboxHTTPError.badRequest("payment_method_id \(methodID) is not a payment method of this contact")
        }
        guard let methodType = try body.string("payment_method_type") else {
            throw SandboxHTTPError.badRequest("one of payment_method_id or payment_method_type is required")
        }
        guard configuration.manualPaymentTypes.contains(methodType) else {
            throw SandboxHTTPError.badRequest("payment_method_type '\(methodType)' is not one of the Manual Payment Types: \(configuration.manualPaymentTypes.joined(separator: ", "))")
        }
        guard amount <= order.balance else {
            throw SandboxHTTPError.badRequest("payment_amount \(amountNumber.text) exceeds the order balance \(currency.format(order.balance))")
        }
        let paymentTime = try body.timestamp("payment_time") ?? SandboxTimestamp.now()
        for key in ["external_status_value", "external_create_user"] { _ = try body.string(key) }
        for key in ["external_create_time", "external_update_time"] { _ = try body.timestamp(key) }
        let payment = SandboxPayment(
            id: nextID("payment"), amount: amount, amountText: amountNumber.text, methodType: methodType,
            notes: try body.string("notes"), paymentTime: paymentTime, applyToCommissions: applyToCommissions,
            externalSource: try body.string("external_source"), externalSourceValue: try body.string("external_source_value"),
            createTime: SandboxTimestamp.now()
        )
        order.payments.append(payment)
        order.modificationTime = SandboxTimestamp.now()
        orders[orderID] = order
        var result = SandboxObjectBuilder()
        result.set("id", string: payment.id)
        result.set("invoice_id", string: order.id)
        result.set("payment_amount", money.decimalNumber(payment.amount))
        result.set("payment_status_message", string: "Payment recorded")
        return SandboxReply(status: 201, json: result.value)
    }

    func listPayments(orderID: String, _ request: SandboxRequest) throws -> SandboxReply {
        let order = try order(orderID)
        let clauses = try SandboxFilterClause.parseAll(request.queryValue("filter"))
        let orderBy = try SandboxOrderBy(
            request.queryValue("order_by"),
            allowed: ["invoice_id", "payment_id", "amount", "pay_time", "pay_status", "skip_commission", "last_updated_time"],
            defaultField: "payment_id"
        )
        // Check every clause once up front, so a bad filter is refused even when there is nothing to match.
        let placeholder = SandboxPayment(
            id: "0", amount: 0, amountText: "0", methodType: "", notes: nil, paymentTime: "", applyToCommissions: false,
            externalSource: nil, externalSourceValue: nil, createTime: ""
        )
        for clause in clauses { _ = try paymentMatches(placeholder, order: order, clause) }
        var matches: [SandboxPayment] = []
        for payment in order.payments where try clauses.allSatisfy({ try paymentMatches(payment, order: order, $0) }) {
            matches.append(payment)
        }
        switch orderBy.field {
        case "amount": matches.sort { $0.amount < $1.amount }
        case "pay_time": matches.sort { $0.paymentTime < $1.paymentTime }
        case "last_updated_time": matches.sort { $0.createTime < $1.createTime }
        default: break
        }
        if orderBy.descending { matches.reverse() }
        return try listReply(key: "invoice_order_payments", items: matches.map { paymentJSON($0, order: order) }, request: request)
    }

    private func paymentMatches(_ payment: SandboxPayment, order: SandboxOrder, _ clause: SandboxFilterClause) throws -> Bool {
        try clause.require([.equal])
        switch clause.field {
        case "invoice_id": return clause.value == order.id
        case "payment_id": return clause.value == payment.id
        case "amount": return clause.value == amountText(payment.amount)
        case "pay_status": return clause.value == "MANUAL_PAID"
        case "skip_commission": return clause.value == String(!payment.applyToCommissions)
        default: throw SandboxHTTPError.badRequest("unknown filter field \(clause.field)")
        }
    }

    private func amountText(_ minor: Int64) -> String {
        configuration.paymentListAmountUnits == .major ? currency.format(minor) : String(minor)
    }

    /// `InvoiceOrderPayment`: `note` (singular) carries the create request's `notes`.
    func paymentJSON(_ payment: SandboxPayment, order: SandboxOrder) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: payment.id)
        object.set("amount", .number(JSONNumber(text: amountText(payment.amount))))
        object.set("note", string: payment.notes)
        object.set("invoice_id", string: order.id)
        object.set("payment_id", string: payment.id)
        object.set("pay_time", string: payment.paymentTime)
        object.set("pay_status", string: "MANUAL_PAID")
        object.set("last_updated_time", string: payment.createTime)
        object.set("skip_commission", bool: !payment.applyToCommissions)
        return object.value
    }
}
