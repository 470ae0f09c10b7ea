/// The sample shop's 200 SKUs and their current state (price, active, announced).
///
/// Fixed size, so it costs the same memory for a thousand events or five million.
struct ProductCatalog: Sendable {
    /// One SKU.
    struct Product: Sendable {
        /// The product name, UTF-8.
        let name: [UInt8]
        /// Whether this SKU is sold as a subscription.
        let isSubscription: Bool
        /// The current price in US cents (re-upserts change it).
        var cents: Int64
        /// Index into `SampleVocabulary.productDescriptions`, or -1 for none.
        var description: Int
        /// Whether the product can be ordered; inactive ones are skipped when picking.
        var active = true
        /// Whether a `product.upserted` has been emitted yet: products appear in the feed when first needed.
        var announced = false
    }

    /// Products by index; the SKU is `SKU-` and the index + 1, three digits.
    var products: [Product]
    /// Indices of the regular (non-subscription) products.
    let regular: [Int]
    /// Indices of the subscription products (every tenth one).
    let subscriptions: [Int]

    /// Builds the catalogue; prices get a seeded nudge so different seeds give different shops.
    init(rng: inout Xoshiro256StarStar) {
        var products: [Product] = []
        for index in 0..<200 {
            let base = SampleVocabulary.productBases[index % 20]
            let modifier = SampleVocabulary.productModifiers[index / 20]
            let isSubscription = index % 10 == 3
            var name = modifier.name + " " + base.name
            if isSubscription { name += " Subscription" }
            let raw = base.cents * modifier.percent / 100 * Int64(90 + rng.below(21)) / 100
            products.append(Product(
                name: Array(name.utf8),
                isSubscription: isSubscription,
                cents: Self.shelfPrice(raw),
                description: rng.percent(30) ? rng.below(SampleVocabulary.productDescriptions.count) : -1
            ))
        }
        self.products = products
        regular = products.indices.filter { !products[$0].isSubscription }
        subscriptions = products.indices.filter { products[$0].isSubscription }
    }

    /// Rounds a price to a shop-like ending: .99, .95, .50 or .00, never below 1.00.
    static func shelfPrice(_ cents: Int64) -> Int64 {
        let dollars = max(1, cents / 100)
        switch cents % 4 {
        case 0: return dollars * 100 + 99
        case 1: return dollars * 100 + 95
        case 2: return dollars * 100 + 50
        default: return dollars * 100
        }
    }

    /// An active regular product, for an order line.
    func pickRegular(rng: inout Xoshiro256StarStar) -> Int {
        pick(from: regular, rng: &rng)
    }

    /// An active subscription product.
    func pickSubscription(rng: inout Xoshiro256StarStar) -> Int {
        pick(from: subscriptions, rng: &rng)
    }

    /// A random active entry of `candidates`, probing forward past inactive ones.
    private func pick(from candidates: [Int], rng: inout Xoshiro256StarStar) -> Int {
        let start = rng.below(candidates.count)
        for offset in 0..<candidates.count {
            let index = candidates[(start + offset) % candidates.count]
            if products[index].active { return index }
        }
        // Deactivation is capped well below the catalogue size, so this is unreachable; an inactive product is still a valid order line.
        return candidates[start]
    }
}
