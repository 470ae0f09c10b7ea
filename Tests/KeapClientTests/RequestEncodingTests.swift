import KeapClient
import Testing

@Suite("Request encoding")
struct RequestEncodingTests {
    static func body(_ request: HTTPRequest?) -> String {
        String(decoding: request?.body ?? [], as: UTF8.self)
    }

    @Test("order create: wire names of RestCreateOrderRequest, decimals keep their scale")
    func orderCreate() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(ClassificationTests.created)])
        let order = try await client.createOrder(KeapOrderCreateRequest(
            contactID: "5", orderTitle: "FH-1", orderTime: "2026-01-02T03:04:05Z", orderType: "ONLINE",
            items: [
                KeapOrderItemRequest(itemType: "PRODUCT", productID: "3", quantity: 2,
                                     pricePerUnit: KeapDecimal(minorUnits: 1250, scale: 2), notes: "L1"),
                KeapOrderItemRequest(itemType: "DISCOUNT", name: "Discount", quantity: 1,
                                     pricePerUnit: KeapDecimal(minorUnits: -500, scale: 2)),
            ],
            customFields: [KeapCustomFieldValue(id: "11", content: "FH-1")],
            notes: "placed"
        ))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "http://keap.test/crm/rest/v2/orders")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(Self.body(request) == #"{"contact_id":"5","order_title":"FH-1","order_time":"2026-01-02T03:04:05Z","order_type":"ONLINE","order_items":[{"item_type":"PRODUCT","product_id":"3","quantity":2,"price_per_unit":12.50,"notes":"L1"},{"item_type":"DISCOUNT","name":"Discount","quantity":1,"price_per_unit":-5.00}],"custom_fields":[{"id":"11","content":"FH-1"}],"notes":"placed"}"#)

        #expect(order.id == "17")
        #expect(order.total == KeapMoney(amount: 3205, currencyCode: "USD"))
        #expect(order.totalPaid == KeapMoney(amount: 0, currencyCode: "USD"))
        #expect(order.contactID == "5")
        #expect(order.items == [KeapOrderItem(id: "90", itemType: "PRODUCT", name: "Tea", notes: "L1", quantity: 2,
                                              pricePerUnit: KeapMoney(amount: 1250, currencyCode: "USD"), productID: "3")])
        #expect(order.customFields == [KeapCustomFieldValue(id: "11", content: "FH-1"), KeapCustomFieldValue(id: "12", content: nil)])
    }

    @Test("payment: payment_amount with scale, apply_to_commissions false, notes and external_source_value")
    func payment() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(201, #"{"id":"301","invoice_id":"9","payment_amount":12.5}"#))])
        let result = try await client.createOrderPayment(orderID: "17", KeapPaymentRequest(
            amount: KeapDecimal(minorUnits: 1250, scale: 2), methodType: "Credit Card (Manual)",
            paymentTime: "2026-01-02T03:04:05Z", notes: "P-1 [part 1: 12.50 of 20.00 USD]", externalSourceValue: "P-1"))
        #expect(result.id == "301")
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://keap.test/crm/rest/v2/orders/17/payments")
        #expect(Self.body(request) == #"{"payment_amount":12.50,"apply_to_commissions":false,"payment_method_type":"Credit Card (Manual)","payment_time":"2026-01-02T03:04:05Z","notes":"P-1 [part 1: 12.50 of 20.00 USD]","external_source_value":"P-1"}"#)
    }

    @Test("JPY and KWD scales: 1250 and 1.250")
    func otherScales() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(201, #"{"id":"1","quantity":1}"#))])
        _ = try await client.createOrderItem(orderID: "17", KeapOrderItemRequest(
            itemType: "TAX", name: "Tax", quantity: 1, pricePerUnit: KeapDecimal(minorUnits: 1250, scale: 3)))
        #expect(Self.body(transport.requests.first).contains(#""price_per_unit":1.250"#))
        #expect(KeapDecimal(minorUnits: 1250, scale: 0).text == "1250")
    }

    @Test("item PATCH: update_mask repeated, item_type never sent")
    func itemPatch() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, #"{"id":"90","item_type":"PRODUCT","quantity":3}"#))])
        let item = try await client.updateOrderItem(
            orderID: "17", itemID: "90",
            KeapOrderItemRequest(itemType: "PRODUCT", quantity: 3, pricePerUnit: KeapDecimal(minorUnits: 1000, scale: 2)),
            updateMask: ["quantity", "price_per_unit"])
        #expect(item.quantity == 3)
        let request = try #require(transport.requests.first)
        #expect(request.method == "PATCH")
        #expect(request.url == "http://keap.test/crm/rest/v2/orders/17/items/90?update_mask=quantity&update_mask=price_per_unit")
        #expect(Self.body(request) == #"{"quantity":3,"price_per_unit":10.00}"#)
    }

    @Test("order PATCH: custom fields and notes with the mask")
    func orderPatch() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(ClassificationTests.order)])
        _ = try await client.updateOrder(
            id: "17", KeapOrderUpdateRequest(customFields: [KeapCustomFieldValue(id: "12", content: "shipped")], notes: "n"),
            updateMask: ["custom_fields", "notes"])
        let request = try #require(transport.requests.first)
        #expect(request.url.hasSuffix("/v2/orders/17?update_mask=custom_fields&update_mask=notes"))
        #expect(Self.body(request) == #"{"custom_fields":[{"id":"12","content":"shipped"}],"notes":"n"}"#)
    }

    @Test("contact upsert: email_addresses, phone_numbers, company, addresses with OpenAPI names; fields requested")
    func contact() async throws {
        let reply = #"{"id":"5","email_addresses":[{"email":"ada@example.com","field":"EMAIL1"}],"given_name":"Ada","custom_fields":[{"id":"3","content":"C-1"}]}"#
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, reply))])
        let contact = try await client.createContact(KeapContactRequest(
            email: "ada@example.com", givenName: "Ada", familyName: "Lovelace", phone: "+1 555", companyName: "Engines",
            addresses: [KeapAddressRequest(field: "BILLING", line1: "1 Main", locality: "Phoenix", regionCode: "US-AZ",
                                           postalCode: "85001", countryCode: "USA")],
            customFields: [KeapCustomFieldValue(id: "3", content: "C-1")]))
        #expect(contact.id == "5" && contact.emails == ["ada@example.com"] && contact.givenName == "Ada" && contact.familyName == nil)
        #expect(contact.customFields == [KeapCustomFieldValue(id: "3", content: "C-1")])
        #expect(contact.lists[.emailAddresses]?.count == 1 && contact.lists[.phoneNumbers] == [] && contact.customFieldEntries.count == 1)
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://keap.test/crm/rest/v2/contacts?duplicate_option=Email&fields=id%2Cemail_addresses%2Cphone_numbers%2Caddresses%2Cgiven_name%2Cfamily_name%2Ccustom_fields")
        #expect(Self.body(request) == #"{"email_addresses":[{"email":"ada@example.com","field":"EMAIL1"}],"given_name":"Ada","family_name":"Lovelace","phone_numbers":[{"number":"+1 555","field":"PHONE1"}],"company":{"company_name":"Engines"},"addresses":[{"field":"BILLING","line1":"1 Main","locality":"Phoenix","region_code":"US-AZ","postal_code":"85001","country_code":"USA"}],"custom_fields":[{"id":"3","content":"C-1"}]}"#)
    }

    @Test("contact PATCH: an empty masked array is sent (to clear it), unmasked empty arrays are not")
    func contactPatchArrays() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, #"{"id":"5"}"#))])
        _ = try await client.updateContact(id: "5", KeapContactRequest(givenName: "Ada"), updateMask: ["given_name", "phone_numbers"])
        #expect(Self.body(transport.requests.first) == #"{"given_name":"Ada","phone_numbers":[]}"#)
        #expect(transport.requests.first?.url.contains("/v2/contacts/5?update_mask=given_name&update_mask=phone_numbers&fields=") == true)
    }

    @Test("contact merge: Keap's other entries go back after ours, without read-only members; only masked members are sent")
    func contactPatchKeepsKeapEntries() async throws {
        let keap = #"{"id":"5","email_addresses":[{"email":"old@example.com","field":"EMAIL1","email_opt_status":"SINGLE_OPT_IN","is_opt_in":true},{"email":"work@example.com","field":"EMAIL2","opt_in_reason":"form","email_opt_status":"CONFIRMED"}],"phone_numbers":[{"number":"555","field":"PHONE2","number_e164":"+1555"}],"custom_fields":[{"id":"3","content":"C-1"},{"id":"8","content":120},{"id":"9","content":["a","b"]}]}"#
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, keap)), .answer(.json(200, #"{"id":"5"}"#))])
        let contact = try await client.getContact(id: "5")
        var request = KeapContactRequest(email: "new@example.com", givenName: "Ada", phone: "556",
                                         customFields: [KeapCustomFieldValue(id: "3", content: "C-1")])
        request.kept[.emailAddresses] = contact.keptEntries(.emailAddresses, ownedFields: ["EMAIL1"])
        request.keptCustomFields = contact.keptCustomFields(ownedIDs: ["3"])
        _ = try await client.updateContact(id: "5", request, updateMask: ["email_addresses", "custom_fields"])
        #expect(transport.requests.first?.url.hasPrefix("http://keap.test/crm/rest/v2/contacts/5?fields=") == true)
        #expect(Self.body(transport.requests.last) == #"{"email_addresses":[{"email":"new@example.com","field":"EMAIL1"},{"email":"work@example.com","field":"EMAIL2","opt_in_reason":"form"}],"custom_fields":[{"id":"3","content":"C-1"},{"id":"8","content":120},{"id":"9","content":["a","b"]}]}"#)
        #expect(contact.keptEntries(.phoneNumbers, ownedFields: ["PHONE1"]).map { $0.members.map(\.key) } == [["number", "field"]])
    }

    @Test("product: price is integer minor units, short_description and sku by their OpenAPI names")
    func product() async throws {
        let reply = #"{"id":"3","name":"Tea","sku":"TEA-1","price":{"amount":1250,"currency_code":"USD","formatted_amount":"$12.50"},"active":true}"#
        let (client, transport, _) = TestClients.scripted([.answer(.json(201, reply))])
        let product = try await client.createProduct(KeapProductRequest(name: "Tea", sku: "TEA-1", priceMinor: 1250, shortDescription: "Tea", active: true))
        #expect(product == KeapProduct(id: "3", name: "Tea", sku: "TEA-1", price: KeapMoney(amount: 1250, currencyCode: "USD"), active: true))
        #expect(Self.body(transport.requests.first) == #"{"name":"Tea","sku":"TEA-1","price":1250,"short_description":"Tea","active":true}"#)
    }

    @Test("filters and ids are percent-encoded: == ; @ * , space")
    func encodedFilter() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, #"{"orders":[]}"#))])
        _ = try await client.listOrders(filter: "_ExternalOrderRef0==FH 1;email==a@b.c*,x+y")
        #expect(transport.requests.first?.url == "http://keap.test/crm/rest/v2/orders?filter=_ExternalOrderRef0%3D%3DFH%201%3Bemail%3D%3Da%40b.c%2A%2Cx%2By&page_size=2")

        let (idClient, idTransport, _) = TestClients.scripted([.answer(.json(200, TestClients.orderJSON))])
        _ = try await idClient.getOrder(id: "a/b?c")
        #expect(idTransport.requests.first?.url == "http://keap.test/crm/rest/v2/orders/a%2Fb%3Fc")
    }

    @Test("custom fields: model and create use the record type path and CreateCustomFieldRequest names")
    func customFields() async throws {
        let model = #"{"custom_fields":[{"id":"7","label":"ExternalOrderRef","field_name":"_ExternalOrderRef0","field_type":"TEXT","record_type":"ORDER"}],"optional_properties":[]}"#
        let created = #"{"id":"8","label":"Carrier","field_name":"_Carrier0","field_type":"TEXT"}"#
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, model)), .answer(.json(201, created))])
        let fields = try await client.customFieldModel(.orders)
        #expect(fields == [KeapCustomFieldDefinition(id: "7", label: "ExternalOrderRef", fieldName: "_ExternalOrderRef0", fieldType: "TEXT")])
        let field = try await client.createCustomField(.orders, label: "Carrier", fieldType: "TEXT")
        #expect(field.fieldName == "_Carrier0")
        #expect(transport.requests.map(\.url) == ["http://keap.test/crm/rest/v2/orders/model", "http://keap.test/crm/rest/v2/orders/model/customFields"])
        #expect(Self.body(transport.requests.last) == #"{"label":"Carrier","field_type":"TEXT"}"#)
    }

    @Test("CurrencyValue.amount: integer or integer string; a fraction is a decode error")
    func currencyAmounts() async throws {
        let (client, _, _) = TestClients.scripted([.answer(.json(200, #"{"id":"1","total":{"amount":"3205","currency_code":"EUR"}}"#))])
        let order = try await client.getOrder(id: "1")
        #expect(order.total == KeapMoney(amount: 3205, currencyCode: "EUR"))
        #expect(order.totalPaid == KeapMoney(amount: 0, currencyCode: "EUR"))

        let fractional = HTTPResponse.json(200, #"{"id":"1","total":{"amount":32.05,"currency_code":"USD"}}"#)
        let (fractionClient, _, _) = TestClients.scripted([.answer(fractional), .answer(fractional)], maxTries: 1)
        await #expect(throws: KeapCallError.self) { _ = try await fractionClient.getOrder(id: "1") }
        do {
            _ = try await fractionClient.getOrder(id: "1")
        } catch {
            #expect(error.message.contains("not an integer"))
        }
    }
}
