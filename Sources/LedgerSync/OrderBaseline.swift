import KeapClient
import LedgerCore

/// What Keap is believed to show for one order, in the terms the flush compares: item quantity and unit price per
/// item key (minor units), and the values of the sync's custom fields. Taken from the state Keap last confirmed or,
/// when that is unknown (an order adopted after a lookup), from the order as Keap returns it.
struct OrderBaseline: Equatable {
    struct Item: Equatable {
        let quantity: Int64
        let priceMinor: Int64
    }

    var items: [String: Item]
    /// Custom-field label -> value.
    var customFields: [String: String?]

    /// From a confirmed view (its prices are minor units of its own currency, which is the order's: an order's
    /// currency never changes, and the flush sends an order only in the tenant's).
    init(_ view: KeapOrderView) {
        items = [:]
        for item in view.items {
            items[item.key] = Item(quantity: item.quantity, priceMinor: item.pricePerUnit)
        }
        customFields = Dictionary(OrderFields.values(of: view).map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// From the order as Keap returns it; `itemIDs` maps our item keys to Keap item ids.
    init(_ order: KeapOrder, itemIDs: [String: String], fields: CustomFieldDirectory) {
        let itemKeys = Dictionary(itemIDs.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        items = [:]
        for item in order.items {
            guard let key = itemKeys[item.id] else { continue }
            // DISCOUNT prices compare by magnitude: their sign on the wire is a setting.
            let price = item.pricePerUnit.map { abs($0.amount) } ?? -1
            items[key] = Item(quantity: Int64(item.quantity), priceMinor: price)
        }
        customFields = [:]
        for label in OrderFields.labels {
            guard let entry = fields.entry(.orders, label) else { continue }
            let content = order.customFields.first(where: { $0.id == entry.id })?.content
            customFields[label] = .some(content.flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}
