import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

@Suite(.awaitedTeardown) struct SandboxTotalsTests {
    private static let items = #"[{"product_id":"1","quantity":2,"price_per_unit":12.50,"notes":"L1"},{"item_type":"SHIPPING","name":"Shipping","quantity":1,"price_per_unit":5.00},{"item_type":"TAX","name":"Tax","quantity":1,"price_per_unit":1.05},{"item_type":"DISCOUNT","name":"Discount","quantity":1,"price_per_unit":DISCOUNT}]"#

    @Test(arguments: [(SandboxDiscountSign.positive, "3.00"), (SandboxDiscountSign.negative, "-3.00")])
    func discountIsSubtracted(sign: SandboxDiscountSign, discount: String) async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(discountSign: sign))
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        _ = try await fixture.product()
        let answer = try await fixture.createOrder(contactID: contactID, items: Self.items.replacingOccurrences(of: "DISCOUNT}", with: "\(discount)}"))
        #expect(answer.status == 201, "\(answer.text)")
        let order = try #require(answer.json)
        #expect(order["total"]?["amount"]?.numberText == "2805")
        #expect(order["total"]?["currency_code"]?.string == "USD")
        #expect(order["total"]?["formatted_amount"]?.string == "$28.05")
        #expect(order["total_paid"]?["amount"]?.numberText == "0")
        #expect(order["total_due"]?["amount"]?.numberText == "2805")
        #expect(order["order_items"]?.array.count == 4)

        // The wrong sign for the mode is refused (positive mode) or changes the total (negative mode).
        let flipped = discount.hasPrefix("-") ? "3.00" : "-3.00"
        let wrong = try await fixture.createOrder(contactID: contactID, title: "FH-2", items: Self.items.replacingOccurrences(of: "DISCOUNT}", with: "\(flipped)}"))
        if sign == .positive {
            #expect(wrong.status == 400)
        } else {
            #expect(wrong.json?["total"]?["amount"]?.numberText == "3405")
        }

        // Totals follow item changes.
        let orderID = try #require(order["id"]?.string)
        let lineID = try #require(order["order_items"]?[0]?["id"]?.string)
        let patched = try await fixture.client.send("PATCH", "/v2/orders/\(orderID)/items/\(lineID)?update_mask=quantity", body: #"{"quantity":3}"#)
        #expect(patched.status == 200, "\(patched.text)")
        #expect(try await fixture.client.send("GET", "/v2/orders/\(orderID)").json?["total"]?["amount"]?.numberText == "4055")
        let added = try await fixture.client.send("POST", "/v2/orders/\(orderID)/items", body: #"{"item_type":"FEE","name":"Fee","quantity":1,"price_per_unit":0.95}"#)
        #expect(added.status == 201)
        let addedID = try #require(added.json?["id"]?.string)
        #expect(try await fixture.client.send("GET", "/v2/orders/\(orderID)").json?["total"]?["amount"]?.numberText == "4150")
        #expect(try await fixture.client.send("DELETE", "/v2/orders/\(orderID)/items/\(addedID)").status == 204)
        #expect(try await fixture.client.send("DELETE", "/v2/orders/\(orderID)/items/\(addedID)").status == 404)
        #expect(await fixture.sandbox.snapshot().orders.first?.total == 4055)
    }
}

@Suite(.awaitedTeardown) struct SandboxChargeItemsTests {
    @Test(arguments: [SandboxDiscountSign.positive, .negative])
    func aProductOnlyTenantRefusesTypedItemsAndSumsSignedProductPrices(sign: SandboxDiscountSign) async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(discountSign: sign, chargeItems: .productOnly))
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        _ = try await fixture.product()

        // Given a tenant that takes PRODUCT items only, when an order carries a SHIPPING item, then it is refused
        // with the OpenAPI's own words and nothing is stored.
        let typed = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"1","quantity":1,"price_per_unit":10.00},{"item_type":"SHIPPING","name":"Shipping","quantity":1,"price_per_unit":4.00}]"#)
        #expect(typed.status == 400)
        #expect(typed.text.contains("for now only [PRODUCT] is supported"), "\(typed.text)")
        #expect(await fixture.sandbox.snapshot().orders.isEmpty)

        // Charges as PRODUCT items: a negative price is taken and summed as written, whatever the DISCOUNT setting.
        let products = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"1","quantity":1,"price_per_unit":10.00},{"product_id":"1","quantity":1,"price_per_unit":4.00},{"product_id":"1","quantity":1,"price_per_unit":-1.00}]"#)
        #expect(products.status == 201, "\(products.text)")
        #expect(products.json?["total"]?["amount"]?.numberText == "1300")
    }

    @Test func aTypedTenantRefusesANegativeProductPrice() async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(discountSign: .negative))
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        _ = try await fixture.product()
        let answer = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"1","quantity":1,"price_per_unit":-1.00}]"#)
        #expect(answer.status == 400)
    }

    @Test func theBusinessProfileNamesTheCurrencyAndTimeZone() async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(currencyCode: "EUR", timeZone: "Europe/Berlin"))
        await AwaitedTeardown.add { await fixture.stop() }
        let answer = try await fixture.client.send("GET", "/v2/businessProfile")
        #expect(answer.status == 200)
        #expect(answer.json?["currency_code"]?.string == "EUR")
        #expect(answer.json?["time_zone"]?.string == "Europe/Berlin")
    }
}
