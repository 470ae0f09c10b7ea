/// Customers and products: first upserts when they are first needed, later re-upserts with changes.
extension FeedSimulator {
    /// Writes a `customer.upserted`; revision 0 is the customer as first seen, later ones change details.
    mutating func writeCustomer(number: Int, revision: Int, scheduled: Int64) {
        _ = beginEvent("customer.upserted", scheduled: scheduled)
        CustomerProfile(seed: seed, number: number, revision: revision).write(to: &writer)
        emit()
    }

    /// A periodic customer update: a new lead, or an existing customer's edited profile.
    mutating func touchCustomer(scheduled: Int64) {
        if nextCustomer == 10_001 || rng.percent(30) {
            writeCustomer(number: nextCustomer, revision: 0, scheduled: scheduled)
            nextCustomer += 1
        } else {
            customerRevisions += 1
            writeCustomer(number: 10_001 + rng.below(nextCustomer - 10_001), revision: customerRevisions, scheduled: scheduled)
        }
    }

    /// Writes the product's first `product.upserted` unless it was already written.
    mutating func announceProduct(_ index: Int, scheduled: Int64) {
        guard !catalog.products[index].announced else { return }
        writeProduct(index, scheduled: scheduled)
    }

    /// A periodic catalogue change: a price change, a new description, or (de)activation.
    mutating func touchProduct(scheduled: Int64) {
        if inactiveProducts > 0 && rng.percent(30),
           let index = catalog.products.firstIndex(where: { !$0.active }) {
            catalog.products[index].active = true
            inactiveProducts -= 1
            writeProduct(index, scheduled: scheduled)
            return
        }
        let index = rng.below(catalog.products.count)
        let roll = rng.below(100)
        if roll < 65 {
            let cents = catalog.products[index].cents
            let percent = Int64(rng.percent(70) ? rng.inRange(103...115) : rng.inRange(85...97))
            catalog.products[index].cents = ProductCatalog.shelfPrice(cents * percent / 100)
        } else if roll < 80 {
            catalog.products[index].description = rng.below(SampleVocabulary.productDescriptions.count)
        } else if roll < 88 && inactiveProducts < 10 && catalog.products[index].active {
            catalog.products[index].active = false
            inactiveProducts += 1
        }
        writeProduct(index, scheduled: scheduled)
    }

    private mutating func writeProduct(_ index: Int, scheduled: Int64) {
        catalog.products[index].announced = true
        let product = catalog.products[index]
        _ = beginEvent("product.upserted", scheduled: scheduled)
        writer.key("sku")
        writer.ref("SKU-", index + 1, width: 3)
        writer.key("name")
        writer.string(product.name)
        writer.key("price")
        money(product.cents, .usd)
        writer.key("currency")
        writer.plainString("USD")
        if product.isSubscription || rng.percent(15) {
            writer.key("subscription")
            writer.bool(product.isSubscription)
        }
        if product.description >= 0 {
            writer.key("description")
            writer.string(SampleVocabulary.productDescriptions[product.description])
        }
        if !product.active || rng.percent(10) {
            writer.key("active")
            writer.bool(product.active)
        }
        emit()
    }
}
