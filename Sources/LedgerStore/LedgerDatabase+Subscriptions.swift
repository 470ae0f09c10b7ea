import GRDB
import LedgerCore

extension LedgerDatabase {
    /// The other (complete) subscriptions that Keap would call identical to `subscriptionRef`: same customer, SKU,
    /// currency, price and billing interval, so the same contact and plan. Keap refuses a second identical active
    /// subscription unless it is created with `allow_duplicate`; when the ledger itself holds such twins they are
    /// distinct subscriptions, not a retried create. Ended twins count too: Keap may not have stopped theirs yet (the
    /// flush sends subscriptions side by side).
    package func identicalSubscriptions(of subscriptionRef: String) throws(LedgerStoreError) -> [String] {
        try readingStore("reading the subscriptions identical to \(subscriptionRef)") { db in
            try String.fetchAll(db, sql: """
                SELECT other.subscription_ref FROM subscriptions AS this
                JOIN subscriptions AS other
                    ON other.customer_ref = this.customer_ref AND other.sku = this.sku AND other.currency = this.currency
                    AND other.price = this.price AND other.interval = this.interval AND other.interval_count = this.interval_count
                WHERE this.subscription_ref = ? AND other.subscription_ref <> this.subscription_ref AND other.complete = 1
                ORDER BY other.subscription_ref
                """, arguments: [subscriptionRef])
        }
    }
}
