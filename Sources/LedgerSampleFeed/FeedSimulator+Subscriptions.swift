/// Subscriptions: started by a paid order, renewed every period (each renewal places an order),
/// sometimes paused or past due, eventually cancelled or expired.
extension FeedSimulator {
    /// Schedules a subscription for the subscription product `order` bought.
    mutating func startSubscription(for order: OpenOrder, at time: Int64) {
        var subscription = OpenSubscription()
        subscription.number = nextSubscription
        nextSubscription += 1
        subscription.customer = order.customer
        subscription.product = order.subscriptionProduct
        subscription.currency = order.currency
        subscription.price = order.lines.first(where: { $0.product == order.subscriptionProduct })?.unitPrice
            ?? order.currency.minorUnits(fromUSDCents: catalog.products[order.subscriptionProduct].cents)
        subscription.order = rng.percent(80) ? order.number : -1
        let roll = rng.below(100)
        if roll < 70 {
            subscription.interval = .month
            subscription.intervalCount = rng.percent(10) ? 3 : 1
        } else if roll < 88 {
            subscription.interval = .week
            subscription.intervalCount = rng.percent(30) ? 2 : 1
        } else if roll < 96 {
            subscription.interval = .year
        } else {
            subscription.interval = .day
            subscription.intervalCount = rng.percent(50) ? 1 : 14
        }
        // Bounded lifetimes keep the number of open subscriptions, hence memory, bounded.
        switch subscription.interval {
        case .year: subscription.renewalsLeft = rng.inRange(0...2)
        case .week: subscription.renewalsLeft = rng.inRange(0...26)
        case .month, .day: subscription.renewalsLeft = rng.inRange(0...12)
        }
        let slot: Int
        if let free = freeSubscriptionSlots.popLast() {
            slot = free
            subscriptions[slot] = subscription
        } else {
            slot = subscriptions.count
            subscriptions.append(subscription)
        }
        schedule.push(.subscription, slot: slot, at: time + seconds(10...600))
    }

    /// Runs the subscription's current stage and schedules the next, or ends it.
    mutating func stepSubscription(slot: Int, scheduled: Int64) {
        var subscription = subscriptions[slot]
        var next: (stage: OpenSubscription.Stage, at: Int64)?
        switch subscription.stage {
        case .start:
            let time = beginEvent("subscription.started", scheduled: scheduled)
            subscription.periodEnd = subscription.periodEnd(after: time)
            writeSubscriptionRef(subscription)
            writer.key("customer_ref")
            writer.ref("C-", subscription.customer)
            writer.key("sku")
            writer.ref("SKU-", subscription.product + 1, width: 3)
            if subscription.order >= 0 {
                writer.key("order_ref")
                writer.ref("ORD-", subscription.order)
            }
            writer.key("price")
            money(subscription.price, subscription.currency)
            writer.key("currency")
            writer.plainString(subscription.currency.code)
            writer.key("interval")
            writer.plainString(subscription.interval.name)
            if subscription.intervalCount != 1 || rng.percent(20) {
                writer.key("interval_count")
                writer.integer(subscription.intervalCount)
            }
            writePeriodEnd(subscription)
            emit()
            if rng.percent(8) {
                // Cancelled by the customer during the first period; it runs out at the period end.
                next = (.cancelAtPeriodEnd, min(time + hours(2...72), subscription.periodEnd - 60_000))
            } else {
                next = (.renew, subscription.periodEnd + minutes(0...10))
            }
        case .cancelAtPeriodEnd:
            writeSubscriptionStatus(subscription, "cancelled", withPeriodEnd: true, scheduled: scheduled)
            next = (.expire, subscription.periodEnd + minutes(0...10))
        case .expire:
            writeSubscriptionStatus(subscription, "expired", withPeriodEnd: false, scheduled: scheduled)
        case .renew:
            let roll = rng.below(100)
            if subscription.renewalsLeft == 0 {
                writeSubscriptionStatus(subscription, rng.percent(70) ? "cancelled" : "expired", withPeriodEnd: true, scheduled: scheduled)
            } else if roll < 5 {
                writeSubscriptionStatus(subscription, "past_due", withPeriodEnd: false, scheduled: scheduled)
                next = (.recover, scheduled + days(1...5))
            } else if roll < 9 {
                writeSubscriptionStatus(subscription, "paused", withPeriodEnd: false, scheduled: scheduled)
                next = (.resume, scheduled + days(7...40))
            } else {
                let orderSlot = openOrder(scheduled: scheduled, renewing: subscription)
                let time = beginEvent("subscription.renewed", scheduled: scheduled)
                subscription.periodEnd = subscription.periodEnd(after: subscription.periodEnd)
                writeSubscriptionRef(subscription)
                writePeriodEnd(subscription)
                if rng.percent(90) {
                    writer.key("order_ref")
                    writer.ref("ORD-", orders[orderSlot].number)
                }
                emit()
                schedule.push(.order, slot: orderSlot, at: time + minutes(1...5))
                subscription.renewalsLeft -= 1
                next = (.renew, subscription.periodEnd + minutes(0...10))
            }
        case .recover:
            writeSubscriptionStatus(subscription, "active", withPeriodEnd: false, scheduled: scheduled)
            next = (.renew, scheduled + minutes(1...60))
        case .resume:
            let time = beginEvent("subscription.status_changed", scheduled: scheduled)
            subscription.periodEnd = subscription.periodEnd(after: time)
            writeSubscriptionRef(subscription)
            writer.key("status")
            writer.plainString("active")
            writePeriodEnd(subscription)
            emit()
            next = (.renew, subscription.periodEnd + minutes(0...10))
        }
        if let next {
            subscription.stage = next.stage
            subscriptions[slot] = subscription
            schedule.push(.subscription, slot: slot, at: next.at)
        } else {
            freeSubscriptionSlots.append(slot)
        }
    }

    private mutating func writeSubscriptionRef(_ subscription: OpenSubscription) {
        writer.key("subscription_ref")
        writer.ref("SUB-", subscription.number)
    }

    private mutating func writePeriodEnd(_ subscription: OpenSubscription) {
        writer.key("current_period_end")
        writer.timestamp(subscription.periodEnd)
    }

    private mutating func writeSubscriptionStatus(
        _ subscription: OpenSubscription, _ status: StaticString, withPeriodEnd: Bool, scheduled: Int64
    ) {
        _ = beginEvent("subscription.status_changed", scheduled: scheduled)
        writeSubscriptionRef(subscription)
        writer.key("status")
        writer.plainString(status)
        if withPeriodEnd { writePeriodEnd(subscription) }
        emit()
    }
}
