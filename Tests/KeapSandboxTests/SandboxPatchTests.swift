import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

@Suite(.awaitedTeardown) struct SandboxPatchTests {
    @Test func itemTypeIsNotPatchableAndMasksAreChecked() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        let contactID = try await fixture.contact()
        let productID = try await fixture.product()
        let order = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":1,"price_per_unit":12.50,"notes":"L1"},{"item_type":"SHIPPING","name":"Shipping","quantity":1,"price_per_unit":5.00}]"#)
        let orderID = try #require(order.json?["id"]?.string)
        let shippingID = try #require(order.json?["order_items"]?[1]?["id"]?.string)
        let itemPath = "/v2/orders/\(orderID)/items/\(shippingID)"

        let typeInBody = try await client.send("PATCH", itemPath + "?update_mask=price_per_unit", body: #"{"item_type":"TAX","price_per_unit":6.00}"#)
        #expect(typeInBody.status == 400)
        #expect(typeInBody.json?["message"]?.string?.contains("item_type") == true)
        let typeInMask = try await client.send("PATCH", itemPath + "?update_mask=item_type", body: #"{}"#)
        #expect(typeInMask.status == 400)
        let badMask = try await client.send("PATCH", itemPath + "?update_mask=price", body: #"{"price_per_unit":6.00}"#)
        #expect(badMask.status == 400)
        let productOnCharge = try await client.send("PATCH", itemPath + "?update_mask=product_id", body: #"{"product_id":"\#(productID)"}"#)
        #expect(productOnCharge.status == 400)
        let blank = try await client.send("PATCH", itemPath + "?update_mask=name", body: #"{"name":"  "}"#)
        #expect(blank.status == 400)

        let repeated = try await client.send("PATCH", itemPath + "?update_mask=price_per_unit&update_mask=notes", body: #"{"price_per_unit":6.00,"notes":"charge:SHIPPING"}"#)
        #expect(repeated.status == 200, "\(repeated.text)")
        #expect(repeated.json?["price_per_unit"]?["amount"]?.numberText == "600")
        #expect(repeated.json?["item_type"]?.string == "SHIPPING")
        let commaSeparated = try await client.send("PATCH", itemPath + "?update_mask=price_per_unit,quantity", body: #"{"price_per_unit":7.00,"quantity":2}"#)
        #expect(commaSeparated.status == 200)
        #expect(try await client.send("GET", "/v2/orders/\(orderID)").json?["total"]?["amount"]?.numberText == "2650")

        // Order PATCH: mask enum enforced, order_items refused, only masked fields change.
        let orderPath = "/v2/orders/\(orderID)"
        #expect(try await client.send("PATCH", orderPath + "?update_mask=colour", body: #"{"notes":"x"}"#).status == 400)
        #expect(try await client.send("PATCH", orderPath + "?update_mask=notes", body: #"{"notes":"x","order_items":[]}"#).status == 400)
        let field = try await fixture.orderField(label: "FulfillmentStatus")
        let notes = try await client.send("PATCH", orderPath + "?update_mask=notes&update_mask=custom_fields",
                                          body: #"{"notes":"shipped","order_title":"ignored","custom_fields":[{"id":"\#(field.id)","content":"shipped"}]}"#)
        #expect(notes.status == 200, "\(notes.text)")
        #expect(notes.json?["notes"]?.string == "shipped")
        #expect(notes.json?["title"]?.string == "FH-1")
        #expect(await fixture.sandbox.snapshot().orders.first?.customField(label: "FulfillmentStatus") == "shipped")
    }
}
