/// Orders: placement, edits before payment, payment, fulfilment, returns and refunds.
///
/// Totals stay consistent by construction: edits happen only before the first capture, captures
/// never exceed the total, refunds never exceed what their payment captured, and the discount
/// always stays below the subtotal so the total is positive.
extension FeedSimulator {
    /// Creates an order (not yet placed) and returns its slot; a renewal buys the subscription's product.
    mutating func openOrder(scheduled: Int64, renewing subscription: OpenSubscription?) -> Int {
        var order = OpenOrder()
        order.number = nextOrder
        nextOrder += 1
        if let subscription {
            order.customer = subscription.customer
            order.currency = subscription.currency
            order.lines = [OpenOrder.Line(lineRef: 1, product: subscription.product, quantity: 1, unitPrice: subscription.price)]
        } else {
            if nextCustomer == 10_001 || rng.percent(30) {
                order.customer = nextCustomer
                nextCustomer += 1
                writeCustomer(number: order.customer, revision: 0, scheduled: scheduled)
            } else {
                order.customer = 10_001 + rng.below(nextCustomer - 10_001)
            }
            let currencyRoll = rng.below(100)
            order.currency = currencyRoll < 96 ? .usd : currencyRoll < 99 ? .eur : .jpy
            let lineRoll = rng.below(100)
            let lineCount = lineRoll < 40 ? 1 : lineRoll < 65 ? 2 : lineRoll < 83 ? 3 : lineRoll < 93 ? 4 : 5
            order.lines.reserveCapacity(lineCount + 1)
            if rng.percent(6) {
                order.subscriptionProduct = catalog.pickSubscription(rng: &rng)
                order.lines.append(newLine(lineRef: 1, product: order.subscriptionProduct, currency: order.currency))
            }
            while order.lines.count < lineCount {
                var product = catalog.pickRegular(rng: &rng)
                if order.lines.contains(where: { $0.product == product }) { product = catalog.pickRegular(rng: &rng) }
                order.lines.append(newLine(lineRef: order.lines.count + 1, product: product, currency: order.currency))
            }
        }
        order.nextLineRef = order.lines.count + 1
        for line in order.lines { announceProduct(line.product, scheduled: scheduled) }

        let subtotal = order.subtotal
        let jpy = order.currency == .jpy
        if rng.percent(65) {
            let options = jpy ? Self.yenShippingRates : Self.shippingRates
            order.shipping = options[rng.below(options.count)]
        }
        if rng.percent(50) { order.tax = (subtotal * (jpy ? 10 : 8) + 50) / 100 }
        if subscription == nil && rng.percent(12) {
            order.discount = rng.percent(50) ? subtotal / 10 : min(500, subtotal / 2)
        }
        order.incomplete = rng.chance(incompleteThreshold)
        if subscription == nil && !order.incomplete {
            if rng.percent(22) { order.editsLeft = rng.inRange(1...3) }
            order.willCancel = rng.percent(4)
        }
        let paymentRoll = rng.below(100)
        if paymentRoll < 12 {
            order.splitPercent = rng.inRange(20...80)
        } else if paymentRoll < 15 {
            order.partialPercent = rng.inRange(40...90)
        }
        order.shipmentsPlanned = order.lines.count >= 2 && rng.percent(15) ? 2 : 1
        return store(order)
    }

    private mutating func store(_ order: OpenOrder) -> Int {
        if let slot = freeOrderSlots.popLast() {
            orders[slot] = order
            return slot
        }
        orders.append(order)
        return orders.count - 1
    }

    /// A new line for `product` at its current price in the order's currency.
    private mutating func newLine(lineRef: Int, product: Int, currency: FeedCurrency) -> OpenOrder.Line {
        let quantityRoll = rng.below(100)
        let quantity = quantityRoll < 65 ? 1 : quantityRoll < 85 ? 2 : quantityRoll < 93 ? 3 : rng.inRange(4...10)
        return OpenOrder.Line(
            lineRef: lineRef,
            product: product,
            quantity: quantity,
            unitPrice: currency.minorUnits(fromUSDCents: catalog.products[product].cents)
        )
    }

    /// Runs the order's current stage: writes its event, then schedules the next stage or closes the order.
    mutating func stepOrder(slot: Int, scheduled: Int64) {
        // Move the storage out of `self` so the order can change in place while `self` writes and
        // schedules; copying the order out and back was a tenth of the generator's time. Nothing
        // an order step calls touches `orders` (only `openOrder` does, and never from here).
        var storage: [OpenOrder] = []
        swap(&storage, &orders)
        if !advance(&storage[slot], slot: slot, scheduled: scheduled) {
            storage[slot] = OpenOrder()
            freeOrderSlots.append(slot)
        }
        swap(&storage, &orders)
    }

    /// Writes the order's current stage and schedules the next; false when the order is finished.
    private mutating func advance(_ order: inout OpenOrder, slot: Int, scheduled: Int64) -> Bool {
        let stage = order.stage
        var next: (stage: OpenOrder.Stage, delay: Int64)?
        let time: Int64
        switch stage {
        case .place:
            time = writePlaced(order, scheduled: scheduled)
            if !order.incomplete && rng.percent(10) {
                next = (.pendingStatus, minutes(1...10))
            } else {
                next = beforePayment(order)
            }
        case .pendingStatus:
            time = writeStatus(order, "pending", scheduled: scheduled)
            next = beforePayment(order)
        case .edit:
            time = writeEdit(&order, scheduled: scheduled)
            order.editsLeft -= 1
            next = beforePayment(order)
        case .cancel:
            time = beginEvent("order.cancelled", scheduled: scheduled)
            writeOrderRef(order)
            if rng.percent(85) {
                writer.key("reason")
                writer.plainString(SampleVocabulary.cancelReasons[rng.below(SampleVocabulary.cancelReasons.count)])
            }
            next = rng.percent(30) ? (.cancelledStatus, minutes(1...30)) : nil
        case .cancelledStatus:
            time = writeStatus(order, "cancelled", scheduled: scheduled)
        case .pay:
            time = writePayment(&order, scheduled: scheduled)
            if order.splitPercent > 0 && order.payments.count == 1 {
                next = (.pay, seconds(10...7200))
            } else {
                if order.subscriptionProduct >= 0 { startSubscription(for: order, at: time) }
                let roll = rng.below(100)
                next = roll < 6 ? (.hold, minutes(5...480)) : roll < 86 ? (.process, minutes(5...480)) : (.ship, hours(4...48))
            }
        case .hold:
            time = writeStatus(order, "on_hold", scheduled: scheduled)
            next = (.process, hours(6...48))
        case .process:
            time = writeStatus(order, "processing", scheduled: scheduled)
            next = (.ship, hours(4...48))
        case .ship:
            time = writeShipment(&order, scheduled: scheduled)
            if order.shipments.count < order.shipmentsPlanned {
                next = rng.percent(60) ? (.shipStatus, minutes(1...30)) : (.ship, days(1...4))
            } else {
                next = rng.percent(70) ? (.shipStatus, minutes(1...30)) : (.deliver, days(1...6))
            }
        case .shipStatus:
            if order.shipments.count < order.shipmentsPlanned {
                time = writeStatus(order, "partially_shipped", scheduled: scheduled)
                next = (.ship, days(1...4))
            } else {
                time = writeStatus(order, "shipped", scheduled: scheduled)
                next = (.deliver, days(1...6))
            }
        case .deliver:
            time = beginEvent("shipment.delivered", scheduled: scheduled)
            writeOrderRef(order)
            writer.key("shipment_ref")
            writer.ref("S-", order.shipments[order.deliveries])
            order.deliveries += 1
            if order.deliveries < order.shipments.count {
                next = (.deliver, hours(1...72))
            } else {
                next = rng.percent(50) ? (.deliveredStatus, minutes(5...120)) : afterDelivery(&order)
            }
        case .deliveredStatus:
            time = writeStatus(order, "delivered", scheduled: scheduled)
            next = afterDelivery(&order)
        case .returnShipment:
            time = beginEvent("shipment.returned", scheduled: scheduled)
            writeOrderRef(order)
            writer.key("shipment_ref")
            writer.ref("S-", order.shipments[order.shipments.count - 1])
            if rng.percent(80) {
                writer.key("reason")
                writer.plainString(SampleVocabulary.returnReasons[rng.below(SampleVocabulary.returnReasons.count)])
            }
            order.refundsAll = true
            next = (.refund, days(1...4))
        case .returnedStatus:
            time = writeStatus(order, "returned", scheduled: scheduled)
        case .refund:
            time = writeRefund(&order, scheduled: scheduled)
            if order.refundsAll {
                if order.payments.contains(where: { $0.refunded < $0.amount }) {
                    next = (.refund, minutes(1...60))
                } else if rng.percent(60) {
                    next = (.returnedStatus, minutes(10...120))
                }
            }
        }
        emitOrderEvent(&order, isPlacement: stage == .place, continues: next != nil)
        guard let next else { return false }
        order.stage = next.stage
        schedule.push(.order, slot: slot, at: time + next.delay)
        return true
    }

    /// The next stage while the order is unpaid: an edit, a cancellation or the first capture.
    private mutating func beforePayment(_ order: OpenOrder) -> (stage: OpenOrder.Stage, delay: Int64) {
        if order.editsLeft > 0 { return (.edit, minutes(2...90)) }
        if order.willCancel { return (.cancel, hours(1...48)) }
        return (.pay, minutes(1...45))
    }

    /// What follows the last delivery: usually nothing, sometimes a return or a goodwill refund.
    private mutating func afterDelivery(_ order: inout OpenOrder) -> (stage: OpenOrder.Stage, delay: Int64)? {
        let roll = rng.below(100)
        if roll < 3 { return (.returnShipment, days(3...20)) }
        if roll < 7 {
            order.refundsAll = false
            return (.refund, days(1...10))
        }
        return nil
    }

    // MARK: Event bodies

    private mutating func writeOrderRef(_ order: OpenOrder) {
        writer.key("order_ref")
        writer.ref("ORD-", order.number)
    }

    private mutating func writeStatus(_ order: OpenOrder, _ status: StaticString, scheduled: Int64) -> Int64 {
        let time = beginEvent("order.status_changed", scheduled: scheduled)
        writeOrderRef(order)
        writer.key("status")
        writer.plainString(status)
        return time
    }

    private mutating func writeLine(_ line: OpenOrder.Line, currency: FeedCurrency) {
        writer.beginObject()
        writer.key("line_ref")
        writer.ref("", line.lineRef)
        writer.key("sku")
        writer.ref("SKU-", line.product + 1, width: 3)
        writer.key("quantity")
        writer.integer(line.quantity)
        writer.key("unit_price")
        money(line.unitPrice, currency)
        let roll = rng.below(100)
        if roll < 5 {
            writer.key("description")
            writer.string(catalog.products[line.product].name)
        } else if roll < 6 {
            writer.key("x_gift_wrap")
            writer.bool(true)
        }
        writer.endObject()
    }

    private mutating func writePlaced(_ order: OpenOrder, scheduled: Int64) -> Int64 {
        let time = beginEvent("order.placed", scheduled: scheduled)
        writeOrderRef(order)
        writer.key("customer_ref")
        writer.ref("C-", order.customer)
        writer.key("currency")
        writer.plainString(order.currency.code)
        writer.key("lines")
        writer.beginArray()
        for line in order.lines {
            writer.element()
            writeLine(line, currency: order.currency)
        }
        writer.endArray()
        if order.shipping > 0 || rng.percent(10) {
            writer.key("shipping")
            money(order.shipping, order.currency)
        }
        if order.tax > 0 {
            writer.key("tax")
            money(order.tax, order.currency)
        }
        if order.discount > 0 {
            writer.key("discount")
            money(order.discount, order.currency)
            if rng.percent(70) {
                writer.key("promo_codes")
                writer.beginArray()
                writer.element()
                writer.plainString(SampleVocabulary.promoCodes[rng.below(SampleVocabulary.promoCodes.count)])
                writer.endArray()
            }
        }
        if rng.percent(50), let address = CustomerProfile(seed: seed, number: order.customer).deliveryAddress {
            writer.key("shipping_address")
            address.write(to: &writer)
        }
        return time
    }

    /// One edit before payment. Every branch keeps the subtotal above the discount.
    private mutating func writeEdit(_ order: inout OpenOrder, scheduled: Int64) -> Int64 {
        let active = order.activeLineIndices
        let roll = rng.below(100)
        let subtotal = order.subtotal
        if roll >= 30 && roll < 65 {
            let index = active[rng.below(active.count)]
            var line = order.lines[index]
            let variant = rng.below(100)
            let without = subtotal - Int64(line.quantity) * line.unitPrice
            var quantity: Int? = nil
            var price: Int64? = nil
            if variant < 10 && active.count >= 2 && without > order.discount {
                quantity = 0
            } else if variant < 65 {
                var newQuantity = rng.inRange(1...5)
                if newQuantity == line.quantity || without + Int64(newQuantity) * line.unitPrice <= order.discount {
                    newQuantity = line.quantity + 1
                }
                quantity = newQuantity
            } else if variant < 85 {
                var newPrice = max(1, line.unitPrice * Int64(rng.inRange(80...95)) / 100)
                if without + Int64(line.quantity) * newPrice <= order.discount { newPrice = line.unitPrice + line.unitPrice / 10 + 1 }
                price = newPrice
            } else {
                quantity = line.quantity + 1
                price = line.unitPrice + line.unitPrice / 20 + 1
            }
            let time = beginEvent("order.line_changed", scheduled: scheduled)
            writeOrderRef(order)
            writer.key("line_ref")
            writer.ref("", line.lineRef)
            if let quantity {
                line.quantity = quantity
                writer.key("quantity")
                writer.integer(quantity)
            }
            if let price {
                line.unitPrice = price
                writer.key("unit_price")
                money(price, order.currency)
            }
            order.lines[index] = line
            return time
        }
        if roll >= 65 && roll < 80 && active.count >= 2 {
            let index = active[rng.below(active.count)]
            let line = order.lines[index]
            if subtotal - Int64(line.quantity) * line.unitPrice > order.discount {
                let time = beginEvent("order.line_removed", scheduled: scheduled)
                writeOrderRef(order)
                writer.key("line_ref")
                writer.ref("", line.lineRef)
                order.lines.remove(at: index)
                return time
            }
        }
        if roll >= 80 {
            let jpy = order.currency == .jpy
            let fields = rng.inRange(1...7)  // bit set: shipping, tax, discount
            let time = beginEvent("order.charges_changed", scheduled: scheduled)
            writeOrderRef(order)
            if fields & 1 != 0 {
                let options = jpy ? Self.yenShippingRates : Self.shippingRates
                order.shipping = options[rng.below(options.count)]
                writer.key("shipping")
                money(order.shipping, order.currency)
            }
            if fields & 2 != 0 {
                order.tax = (subtotal * (jpy ? 10 : 8) + 50) / 100
                writer.key("tax")
                money(order.tax, order.currency)
            }
            if fields & 4 != 0 {
                order.discount = rng.percent(30) ? 0 : subtotal * Int64(rng.inRange(5...20)) / 100
                writer.key("discount")
                money(order.discount, order.currency)
            }
            return time
        }
        // A new line: also the fallback when the chosen edit would take the total to zero or below.
        let line = newLine(lineRef: order.nextLineRef, product: catalog.pickRegular(rng: &rng), currency: order.currency)
        order.nextLineRef += 1
        announceProduct(line.product, scheduled: scheduled)
        let time = beginEvent("order.line_added", scheduled: scheduled)
        writeOrderRef(order)
        writer.key("line")
        writeLine(line, currency: order.currency)
        order.lines.append(line)
        return time
    }

    /// A capture: the whole total, or the first or second part of a split, or a partial capture.
    private mutating func writePayment(_ order: inout OpenOrder, scheduled: Int64) -> Int64 {
        let total = order.total
        var amount = total - order.captured
        if order.payments.isEmpty && total >= 2 {
            if order.splitPercent > 0 {
                amount = min(total - 1, max(1, total * Int64(order.splitPercent) / 100))
            } else if order.partialPercent > 0 {
                amount = min(total - 1, max(1, total * Int64(order.partialPercent) / 100))
            }
        } else if order.payments.isEmpty {
            order.splitPercent = 0
        }
        let payment = OpenOrder.Payment(ref: nextPayment, amount: amount)
        nextPayment += 1
        order.payments.append(payment)
        let time = beginEvent("payment.captured", scheduled: scheduled)
        writeOrderRef(order)
        writer.key("payment_ref")
        writer.ref("P-", payment.ref)
        writer.key("amount")
        money(amount, order.currency)
        let methodRoll = rng.below(100)
        if methodRoll < 95 {
            writer.key("method")
            let method: StaticString = methodRoll < 70 ? "card" : methodRoll < 88 ? "paypal" : methodRoll < 91 ? "bank"
                : methodRoll < 92 ? "cash" : methodRoll < 93 ? "check" : "other"
            writer.plainString(method)
            if methodRoll < 88 && rng.percent(75) {
                writer.key("gateway_ref")
                writer.ref(methodRoll < 70 ? "ch_" : "PAYID-", Int(rng.next() >> 20), width: 13)
            }
        }
        return time
    }

    /// A refund: after a return, what is left of each payment in turn; otherwise a goodwill part of the first.
    private mutating func writeRefund(_ order: inout OpenOrder, scheduled: Int64) -> Int64 {
        let index = order.payments.firstIndex(where: { $0.refunded < $0.amount }) ?? 0
        let remaining = order.payments[index].amount - order.payments[index].refunded
        let amount = order.refundsAll ? remaining : min(remaining, max(1, order.payments[index].amount * Int64(rng.inRange(10...30)) / 100))
        order.payments[index].refunded += amount
        let time = beginEvent("payment.refunded", scheduled: scheduled)
        writeOrderRef(order)
        writer.key("payment_ref")
        writer.ref("P-", order.payments[index].ref)
        writer.key("refund_ref")
        writer.ref("R-", nextRefund)
        nextRefund += 1
        writer.key("amount")
        money(amount, order.currency)
        if rng.percent(70) {
            writer.key("reason")
            if order.refundsAll {
                writer.plainString("returned")
            } else {
                writer.plainString(SampleVocabulary.refundReasons[rng.below(SampleVocabulary.refundReasons.count)])
            }
        }
        return time
    }

    /// A shipment: the whole order, or (when two are planned) the first lines, then the rest.
    private mutating func writeShipment(_ order: inout OpenOrder, scheduled: Int64) -> Int64 {
        let ref = nextShipment
        nextShipment += 1
        let time = beginEvent("shipment.shipped", scheduled: scheduled)
        writeOrderRef(order)
        writer.key("shipment_ref")
        writer.ref("S-", ref)
        let carrier = rng.below(4)
        writer.key("carrier")
        writer.plainString(Self.carriers[carrier])
        if rng.percent(80) {
            writer.key("service")
            writer.plainString(Self.services[carrier * 2 + rng.below(2)])
        }
        if rng.percent(90) {
            let number = rng.next()
            writer.key("tracking_number")
            writeTrackingNumber(carrier: carrier, number: number, quoted: true)
            if rng.percent(85) {
                writer.key("tracking_url")
                writer.append(UInt8(ascii: "\""))
                writer.raw(Self.trackingURLs[carrier])
                writeTrackingNumber(carrier: carrier, number: number, quoted: false)
                writer.append(UInt8(ascii: "\""))
            }
        }
        // Edits may have left a single line: then one shipment carries the whole order.
        let activeCount = order.lines.reduce(0) { $0 + ($1.quantity > 0 ? 1 : 0) }
        if order.shipments.isEmpty && activeCount < 2 { order.shipmentsPlanned = 1 }
        // Two shipments: the first half of the active lines, then the rest; one: sometimes listed in full.
        var listed = 0..<0
        if order.shipmentsPlanned == 2 {
            let split = (activeCount + 1) / 2
            listed = order.shipments.isEmpty ? 0..<split : split..<activeCount
        } else if rng.percent(20) {
            listed = 0..<activeCount
        }
        if !listed.isEmpty {
            writer.key("lines")
            writer.beginArray()
            var position = 0
            for line in order.lines where line.quantity > 0 {
                defer { position += 1 }
                guard listed.contains(position) else { continue }
                writer.element()
                writer.beginObject()
                writer.key("line_ref")
                writer.ref("", line.lineRef)
                writer.key("quantity")
                writer.integer(line.quantity)
                writer.endObject()
            }
            writer.endArray()
        }
        order.shipments.append(ref)
        return time
    }

    /// Shipping charges in minor units (cents; yen for JPY), free shipping included.
    private static let shippingRates: [Int64] = [495, 795, 995, 1200, 0]
    private static let yenShippingRates: [Int64] = [500, 800, 1200, 0]

    private static let carriers: [StaticString] = ["UPS", "USPS", "FedEx", "DHL"]
    private static let services: [StaticString] = [
        "Ground", "2nd Day Air", "Priority Mail", "Ground Advantage", "Home Delivery", "2Day", "Express Worldwide", "Parcel Connect",
    ]
    private static let trackingURLs: [StaticString] = [
        "https://www.ups.com/track?tracknum=", "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
        "https://www.fedex.com/fedextrack/?trknbr=", "https://www.dhl.com/en/express/tracking.html?AWB=",
    ]

    /// Carrier-shaped tracking numbers: UPS `1Z` + 16, USPS 22 digits, FedEx 12, DHL 10.
    private mutating func writeTrackingNumber(carrier: Int, number: UInt64, quoted: Bool) {
        if quoted { writer.append(UInt8(ascii: "\"")) }
        switch carrier {
        case 0:
            writer.raw("1Z")
            writer.appendDecimal(number % 10_000_000_000_000_000, minimumWidth: 16)
        case 1:
            writer.raw("9400")
            writer.appendDecimal(number % 1_000_000_000_000_000_000, minimumWidth: 18)
        case 2:
            writer.appendDecimal(number % 1_000_000_000_000, minimumWidth: 12)
        default:
            writer.appendDecimal(number % 10_000_000_000, minimumWidth: 10)
        }
        if quoted { writer.append(UInt8(ascii: "\"")) }
    }
}
