import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

@Suite(.awaitedTeardown) struct SandboxPaymentTests {
    @Test func paymentsNeverExceedTheBalanceAndBlockDeletion() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        let contactID = try await fixture.contact()
        let productID = try await fixture.product()
        let order = try await fixture.createOrder(contactID: contactID, items: #"[{"product_id":"\#(productID)","quantity":2,"price_per_unit":12.50}]"#)
        let orderID = try #require(order.json?["id"]?.string)
        let path = "/v2/orders/\(orderID)/payments"

        let above = try await client.send("POST", path, body: #"{"payment_amount":25.01,"apply_to_commissions":false,"payment_method_type":"Cash","notes":"P-1"}"#)
        #expect(above.status == 400)
        #expect(above.json?["message"]?.string?.contains("balance") == true)

        let unknownType = try await client.send("POST", path, body: #"{"payment_amount":5.00,"apply_to_commissions":false,"payment_method_type":"Bitcoin"}"#)
        #expect(unknownType.status == 400)
        let noCommissions = try await client.send("POST", path, body: #"{"payment_amount":5.00,"payment_method_type":"Cash"}"#)
        #expect(noCommissions.status == 400)
        let noMethod = try await client.send("POST", path, body: #"{"payment_amount":5.00,"apply_to_commissions":false}"#)
        #expect(noMethod.status == 400)
        let tooPrecise = try await client.send("POST", path, body: #"{"payment_amount":5.001,"apply_to_commissions":false,"payment_method_type":"Cash"}"#)
        #expect(tooPrecise.status == 400)

        let first = try await client.send("POST", path, body: #"{"payment_amount":20.00,"apply_to_commissions":false,"payment_method_type":"Credit Card (Manual)","payment_time":"2026-11-20T11:00:00Z","notes":"P-1"}"#)
        #expect(first.status == 201, "\(first.text)")
        #expect(first.json?["id"]?.string == "1")
        #expect(first.json?["invoice_id"]?.string == orderID)
        #expect(first.json?["payment_amount"]?.numberText == "20.00")

        let second = try await client.send("POST", path, body: #"{"payment_amount":5.01,"apply_to_commissions":false,"payment_method_type":"Cash","notes":"P-2"}"#)
        #expect(second.status == 400)
        let rest = try await client.send("POST", path, body: #"{"payment_amount":5.00,"apply_to_commissions":false,"payment_method_type":"Cash","notes":"P-2"}"#)
        #expect(rest.status == 201)

        let list = try await client.send("GET", path)
        #expect(list.status == 200)
        let payments = list.json?["invoice_order_payments"]?.array ?? []
        #expect(payments.count == 2)
        #expect(payments.first?["note"]?.string == "P-1")
        #expect(payments.first?["notes"] == nil)
        #expect(payments.first?["amount"]?.numberText == "20.00")
        #expect(payments.first?["pay_status"]?.string == "MANUAL_PAID")
        #expect(list.json?["next_page_token"] == nil)

        let paid = try await client.send("GET", "/v2/orders/\(orderID)")
        #expect(paid.json?["status"]?.string == "PAID")
        #expect(paid.json?["total_paid"]?["amount"]?.numberText == "2500")
        #expect(paid.json?["total_due"]?["amount"]?.numberText == "0")

        let delete = try await client.send("DELETE", "/v2/orders/\(orderID)")
        #expect(delete.status == 400)
        #expect(await fixture.sandbox.snapshot().orders.count == 1)

        // An order without payments can be deleted, once.
        let other = try await fixture.createOrder(contactID: contactID, title: "FH-2")
        let otherID = try #require(other.json?["id"]?.string)
        #expect(try await client.send("DELETE", "/v2/orders/\(otherID)").status == 204)
        #expect(try await client.send("DELETE", "/v2/orders/\(otherID)").status == 404)
        #expect(try await client.send("GET", "/v2/orders/\(otherID)").status == 404)
    }

    @Test func paymentMethodIDIsCountedAsForbidden() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        let order = try await fixture.createOrder(contactID: contactID, items: #"[{"item_type":"OTHER","name":"x","quantity":1,"price_per_unit":10}]"#)
        let orderID = try #require(order.json?["id"]?.string)
        let answer = try await fixture.client.send("POST", "/v2/orders/\(orderID)/payments", body: #"{"payment_amount":1.00,"apply_to_commissions":false,"payment_method_id":"9"}"#)
        #expect(answer.status == 400)
        _ = try await fixture.client.send("POST", "/v2/orders/\(orderID):applyTax")
        let usage = await fixture.sandbox.snapshot().counters.forbiddenUsage
        #expect(usage.paymentMethodID == 1)
        #expect(usage.applyTax == 1)
        #expect(usage.promoCodes == 0)
    }
}
