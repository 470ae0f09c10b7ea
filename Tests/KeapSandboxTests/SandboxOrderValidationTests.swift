import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

@Suite(.awaitedTeardown) struct SandboxOrderValidationTests {
    @Test func refusesInvalidOrdersAndStoresNothing() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        let productID = try await fixture.product()
        let client = fixture.client

        let missingContact = try await client.send("POST", "/v2/orders",
            body: #"{"order_title":"FH-1","order_time":"2026-11-20T10:00:00Z","order_type":"ONLINE"}"#)
        #expect(missingContact.status == 400)
        #expect(missingContact.json?["message"]?.string?.contains("contact_id") == true)

        let unknownContact = try await fixture.createOrder(contactID: "999")
        #expect(unknownContact.status == 400)

        let missingTime = try await client.send("POST", "/v2/orders",
            body: #"{"contact_id":"\#(contactID)","order_title":"FH-1","order_type":"ONLINE"}"#)
        #expect(missingTime.status == 400)

        let badType = try await client.send("POST", "/v2/orders",
            body: #"{"contact_id":"\#(contactID)","order_title":"FH-1","order_time":"2026-11-20T10:00:00Z","order_type":"RETAIL"}"#)
        #expect(badType.status == 400)

        let noProduct = try await fixture.createOrder(contactID: contactID, items: #"[{"item_type":"PRODUCT","quantity":1,"price_per_unit":12.50}]"#)
        #expect(noProduct.status == 400)
        #expect(noProduct.json?["message"]?.string?.contains("product_id") == true)

        let unknownProduct = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"77","quantity":1}]"#)
        #expect(unknownProduct.status == 400)

        let blankName = try await fixture.createOrder(contactID: contactID, items: #"[{"item_type":"SHIPPING","name":"   ","quantity":1,"price_per_unit":5.00}]"#)
        #expect(blankName.status == 400)
        #expect(blankName.json?["message"]?.string?.contains("whitespace") == true)

        let blankNotes = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":1,"notes":"\t "}]"#)
        #expect(blankNotes.status == 400)

        let unnamedCharge = try await fixture.createOrder(contactID: contactID, items: #"[{"item_type":"TAX","quantity":1,"price_per_unit":1.00}]"#)
        #expect(unnamedCharge.status == 400)

        let unknownProperty = try await fixture.createOrder(contactID: contactID, items: #"[{"productId":"\#(productID)","product_id":"\#(productID)","quantity":1}]"#)
        #expect(unknownProperty.status == 400)
        #expect(unknownProperty.json?["message"]?.string?.contains("productId") == true)

        let threeDecimals = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":1,"price_per_unit":12.505}]"#)
        #expect(threeDecimals.status == 400)
        #expect(threeDecimals.json?["message"]?.string?.contains("decimal places") == true)

        let doubleLeak = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":1,"price_per_unit":12.499999999}]"#)
        #expect(doubleLeak.status == 400)

        let quotedPrice = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":1,"price_per_unit":"12.50"}]"#)
        #expect(quotedPrice.status == 400)

        let zeroQuantity = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":0}]"#)
        #expect(zeroQuantity.status == 400)

        let unknownField = try await fixture.createOrder(contactID: contactID, extra: #","custom_fields":[{"id":"42","content":"x"}]"#)
        #expect(unknownField.status == 400)

        let malformed = try await client.send("POST", "/v2/orders", body: #"{"contact_id": "#)
        #expect(malformed.status == 400)

        let snapshot = await fixture.sandbox.snapshot()
        #expect(snapshot.orders.isEmpty)

        // A valid one still works and keeps the decimal text as sent.
        let valid = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":2,"price_per_unit":12.50,"notes":"L1"}]"#)
        #expect(valid.status == 201, "\(valid.text)")
        #expect(valid.json?["id"]?.string == "1")
        #expect(valid.json?["order_items"]?[0]?["price_per_unit"]?["amount"]?.numberText == "1250")
        #expect(await fixture.sandbox.snapshot().orders.first?.items.first?.pricePerUnitText == "12.50")
    }

    @Test func unknownPropertiesPassWhenNotStrict() async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(strictUnknownProperties: false))
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        let productID = try await fixture.product()
        let answer = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":1,"colour":"red"}]"#)
        #expect(answer.status == 201)
    }
}
