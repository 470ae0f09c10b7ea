import KeapClient
import Testing

@Suite("Pagination")
struct PaginationTests {
    static func order(_ id: String) -> String {
        #"{"id":"\#(id)","total":{"amount":100,"currency_code":"USD"}}"#
    }

    @Test("list calls read every page; an empty next_page_token ends the list")
    func everyPage() async throws {
        let (client, transport, _) = TestClients.scripted([
            .answer(.json(200, #"{"orders":[\#(Self.order("1")),\#(Self.order("2"))],"next_page_token":"t1"}"#)),
            .answer(.json(200, #"{"orders":[\#(Self.order("3")),\#(Self.order("4"))],"next_page_token":"t/2="}"#)),
            .answer(.json(200, #"{"orders":[\#(Self.order("5"))],"next_page_token":""}"#)),
        ])
        let orders = try await client.listOrders(filter: "_Ref0==FH-1")
        #expect(orders.map(\.id) == ["1", "2", "3", "4", "5"])
        let urls = transport.requests.map(\.url)
        #expect(urls == [
            "http://keap.test/crm/rest/v2/orders?filter=_Ref0%3D%3DFH-1&page_size=2",
            "http://keap.test/crm/rest/v2/orders?filter=_Ref0%3D%3DFH-1&page_size=2&page_token=t1",
            "http://keap.test/crm/rest/v2/orders?filter=_Ref0%3D%3DFH-1&page_size=2&page_token=t%2F2%3D",
        ])
        #expect(client.requestsSent == 3)
    }

    @Test("an absent next_page_token ends the list (payments)")
    func absentToken() async throws {
        let page1 = #"{"invoice_order_payments":[{"id":"1","amount":12.50,"note":"P-1","payment_id":"77","pay_status":"MANUAL_PAID"}],"next_page_token":"n"}"#
        let page2 = #"{"invoice_order_payments":[{"id":"2","amount":10000,"note":"P-2"}]}"#
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, page1)), .answer(.json(200, page2))])
        let payments = try await client.listOrderPayments(orderID: "17")
        #expect(payments == [
            KeapOrderPayment(id: "1", paymentID: "77", amountText: "12.50", note: "P-1", payStatus: "MANUAL_PAID"),
            KeapOrderPayment(id: "2", paymentID: nil, amountText: "10000", note: "P-2", payStatus: nil),
        ])
        #expect(transport.requests.count == 2)
        #expect(transport.requests[0].url == "http://keap.test/crm/rest/v2/orders/17/payments?page_size=2")
    }

    @Test("a failing page is retried on its own, not from the first page")
    func retryOnePage() async throws {
        let (client, transport, _) = TestClients.scripted([
            .answer(.json(200, #"{"products":[{"id":"1","sku":"A"}],"next_page_token":"p2"}"#)),
            .answer(.json(503, #"{"message":"busy"}"#)),
            .answer(.json(200, #"{"products":[{"id":"2","sku":"a"}]}"#)),
        ])
        let products = try await client.listProducts(filter: "sku==A")
        #expect(products.map(\.id) == ["1", "2"])
        #expect(transport.requests.count == 3)
        #expect(transport.requests[2].url.hasSuffix("page_token=p2"))
    }

    @Test("contacts: every page, with the fields the client decodes")
    func contacts() async throws {
        let (client, transport, _) = TestClients.scripted([
            .answer(.json(200, #"{"contacts":[{"id":"1","email_addresses":[{"email":"a@b.c","field":"EMAIL1"}]}],"next_page_token":"x"}"#)),
            .answer(.json(200, #"{"contacts":[],"next_page_token":""}"#)),
        ])
        let contacts = try await client.listContacts(filter: "email==a@b.c")
        #expect(contacts.map(\.emails) == [["a@b.c"]])
        #expect(transport.requests[0].url.contains("filter=email%3D%3Da%40b.c&fields=id%2Cemail_addresses"))
    }

    @Test("a repeated page token is a permanent error, not an endless loop")
    func repeatedToken() async {
        let page = HTTPResponse.json(200, #"{"orders":[],"next_page_token":"same"}"#)
        let (client, _, _) = TestClients.scripted([.answer(page), .answer(page), .answer(page)])
        await #expect(throws: KeapCallError.self) { _ = try await client.listOrders(filter: "id==1") }
        #expect(client.requestsSent == 2)
    }
}
