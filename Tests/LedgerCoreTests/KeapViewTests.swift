import Testing
import LedgerTestSupport
@testable import LedgerCore

/// The desired Keap state of each stream kind (keap-sync.md, Mapping).
@Suite("Keap view")
struct KeapViewTests {
    private func event(_ type: String, _ time: String, _ data: String, seq: Int64) -> LedgerEvent {
        EventBuilder.event(EventBuilder.line(type, at: time, id: "e\(seq)", data: data), seq: seq)
    }

    private func text(_ view: KeapView) -> String { String(decoding: view.bytes, as: UTF8.self) }

    @Test func anOrderIsAllItsLinesPlusChargeItemsAndCustomFields() {
        var order = OrderState(orderRef: "FH-10023")
        order.apply(event("order.placed", "2026-11-20T14:03:11Z", #"{"order_ref":"FH-10023","customer_ref":"C-77","currency":"USD","lines":[{"line_ref":"1","sku":"TEA-1","quantity":2,"unit_price":"12.50"}],"shipping":"4.95","tax":"2.10"}"#, seq: 1))
        order.apply(event("shipment.shipped", "2026-11-21T09:12:00Z", #"{"order_ref":"FH-10023","shipment_ref":"S-1","carrier":"UPS","tracking_number":"1Z999AA10123456784"}"#, seq: 2))
        order.apply(event("payment.captured", "2026-11-20T14:03:20Z", #"{"order_ref":"FH-10023","payment_ref":"P-1","amount":"32.05","method":"card"}"#, seq: 3))
        let view = KeapView(.order(order))
        #expect(view.isReady)
        let json = text(view)
        #expect(json.contains(#""items":[{"key":"line:1","item_type":"PRODUCT","sku":"TEA-1","description":null,"quantity":2,"price_per_unit":"12.50"},{"key":"charge:SHIPPING","item_type":"SHIPPING","quantity":1,"price_per_unit":"4.95"},{"key":"charge:TAX","item_type":"TAX","quantity":1,"price_per_unit":"2.10"}]"#))
        #expect(json.contains(#""total":"32.05","total_minor":3205"#))
        #expect(json.contains(#""Carrier":"UPS""#))
        #expect(json.contains(#""TrackingNumber":"1Z999AA10123456784""#))
        #expect(json.contains(#""ExternalOrderRef":"FH-10023""#))
        #expect(json.contains(#""order_time":"2026-11-20T14:03:11.000000000Z""#))
        #expect(json.contains(#""payment_amount":"32.05""#))
        // No discount item when there is no discount
        #expect(!json.contains("DISCOUNT"))
    }

    @Test func anIncompleteOrderIsNotReadyAndCarriesNothingToSend() {
        var order = OrderState(orderRef: "O-9")
        order.apply(event("payment.captured", "2026-11-20T14:03:20Z", #"{"order_ref":"O-9","payment_ref":"P-1","amount":"1.00"}"#, seq: 1))
        let view = KeapView(.order(order))
        #expect(!view.isReady)
        #expect(text(view) == #"{"kind":"order","order_ref":"O-9"}"#)
    }

    @Test func aCustomersCountryIsAlpha3AndTheViewIsDeterministic() {
        var customer = CustomerState(customerRef: "C-1")
        customer.apply(event("customer.upserted", "2026-11-20T10:00:00Z", #"{"customer_ref":"C-1","email":"ada@example.com","billing_address":{"line1":"1 Main St","city":"Berlin","country_code":"DE"}}"#, seq: 1))
        let view = KeapView(.customer(customer))
        #expect(view.isReady)
        #expect(text(view).contains(#""country_code":"DEU""#))
        #expect(view.bytes == KeapView(.customer(customer)).bytes)
    }

    @Test func aProductPriceIsMinorUnits() {
        var product = ProductState(sku: "TEA-1")
        product.apply(event("product.upserted", "2026-11-20T10:00:00Z", #"{"sku":"TEA-1","name":"Green tea","price":"12.50","currency":"USD"}"#, seq: 1))
        #expect(text(KeapView(.product(product))).contains(#""price_minor":1250"#))
    }
}
