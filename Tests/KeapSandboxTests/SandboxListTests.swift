import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

@Suite(.awaitedTeardown) struct SandboxListTests {
    @Test func ordersFilterByCustomFieldCaseInsensitively() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        let contactID = try await fixture.contact()
        let field = try await fixture.orderField(label: "ExternalOrderRef")
        #expect(field.fieldName == "_ExternalOrderRef0")
        // Duplicate labels are allowed (as in Keap) and get a new field_name.
        let duplicate = try await fixture.orderField(label: "ExternalOrderRef")
        #expect(duplicate.fieldName == "_ExternalOrderRef1")
        #expect(duplicate.id != field.id)
        let model = try await client.send("GET", "/v2/orders/model")
        #expect(model.json?["custom_fields"]?.array.count == 2)
        #expect(model.json?["custom_fields"]?[0]?["record_type"]?.string == "ORDER")
        #expect(try await client.send("POST", "/v2/orders/model/customFields", body: #"{"label":"X"}"#).status == 400)
        #expect(try await client.send("POST", "/v2/orders/model/customFields", body: #"{"label":"X","field_type":"BLOB"}"#).status == 400)

        for ref in ["FH-10023", "fh-10024", "GB-1"] {
            let answer = try await fixture.createOrder(contactID: contactID, title: ref, extra: #","custom_fields":[{"id":"\#(field.id)","content":"\#(ref)"}]"#)
            #expect(answer.status == 201, "\(answer.text)")
        }
        func titles(_ filter: String) async throws -> [String] {
            let answer = try await client.send("GET", "/v2/orders?filter=" + SandboxHTTPClient.encode(filter))
            #expect(answer.status == 200, "\(answer.text)")
            return answer.json?["orders"]?.array.compactMap { $0["title"]?.string } ?? []
        }
        #expect(try await titles("_ExternalOrderRef0==FH-10023") == ["FH-10023"])
        #expect(try await titles("_externalorderref0==fh-10023") == ["FH-10023"])
        #expect(try await titles("_ExternalOrderRef0==FH-*") == ["FH-10023", "fh-10024"])
        #expect(try await titles("_ExternalOrderRef0==FH-1002") == [])
        #expect(try await titles("title==gb-1;order_type==ONLINE") == ["GB-1"])
        #expect(try await titles("_ExternalOrderRef1==FH-10023") == [])
        #expect(try await titles("contact_id==\(contactID);id>=2") == ["fh-10024", "GB-1"])

        #expect(try await client.send("GET", "/v2/orders?filter=" + SandboxHTTPClient.encode("_ExternalOrderRef0!=FH-1")).status == 400)
        #expect(try await client.send("GET", "/v2/orders?filter=" + SandboxHTTPClient.encode("colour==red")).status == 400)
        #expect(try await client.send("GET", "/v2/orders?filter=nonsense").status == 400)
        #expect(try await client.send("GET", "/v2/orders?order_by=total").status == 400)
    }

    @Test func customFieldFiltersCanBeSwitchedOff() async throws {
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(customFieldFilters: false))
        await AwaitedTeardown.add { await fixture.stop() }
        let field = try await fixture.orderField(label: "ExternalOrderRef")
        let answer = try await fixture.client.send("GET", "/v2/orders?filter=" + SandboxHTTPClient.encode("\(field.fieldName)==FH-1"))
        #expect(answer.status == 400)
    }

    @Test func ordersPaginate() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        let contactID = try await fixture.contact()
        for index in 1...5 { _ = try await fixture.createOrder(contactID: contactID, title: "FH-\(index)") }

        var titles: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let query = "/v2/orders?page_size=2" + (token.map { "&page_token=" + SandboxHTTPClient.encode($0) } ?? "")
            let answer = try await client.send("GET", query)
            #expect(answer.status == 200)
            titles += answer.json?["orders"]?.array.compactMap { $0["title"]?.string } ?? []
            token = answer.json?["next_page_token"]?.string
            pages += 1
        } while token != nil && pages < 10
        #expect(titles == ["FH-1", "FH-2", "FH-3", "FH-4", "FH-5"])
        #expect(pages == 3)

        let last = try await client.send("GET", "/v2/orders?page_size=5")
        #expect(last.json?["orders"]?.array.count == 5)
        #expect(last.json?["next_page_token"] == nil)
        #expect(!last.text.contains("next_page_token"))
        #expect(try await client.send("GET", "/v2/orders?page_size=1001").status == 400)
        #expect(try await client.send("GET", "/v2/orders?page_size=-1").status == 400)
        #expect(try await client.send("GET", "/v2/orders?page_size=1000").status == 200)
        #expect(try await client.send("GET", "/v2/orders?page_token=bogus").status == 400)
        let descending = try await client.send("GET", "/v2/orders?order_by=id%20desc&page_size=1")
        #expect(descending.json?["orders"]?[0]?["title"]?.string == "FH-5")
    }

    @Test func contactsUpsertByEmailAndFilter() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        let created = try await client.send("POST", "/v2/contacts?duplicate_option=Email", body: #"{"email_addresses":[{"email":"Ada@Example.com","field":"EMAIL1"}],"given_name":"Ada"}"#)
        #expect(created.status == 201)
        let again = try await client.send("POST", "/v2/contacts?duplicate_option=Email", body: #"{"email_addresses":[{"email":"ada@example.com","field":"EMAIL1"}],"family_name":"Lovelace"}"#)
        #expect(again.status == 200)
        #expect(again.json?["id"]?.string == created.json?["id"]?.string)
        #expect(again.json?["given_name"]?.string == "Ada")
        #expect(again.json?["family_name"]?.string == "Lovelace")
        #expect(try await client.send("POST", "/v2/contacts", body: #"{"given_name":"Nobody"}"#).status == 400)
        #expect(try await client.send("POST", "/v2/contacts?duplicate_option=Name", body: #"{"email_addresses":[{"email":"b@example.com"}]}"#).status == 400)
        #expect(try await client.send("POST", "/v2/contacts", body: #"{"addresses":[{"field":"BILLING","line1":"1 Main","region_code":"US-AZ"}]}"#).status == 400)

        let field = try await client.send("POST", "/v2/contacts/model/customFields", body: #"{"label":"ExternalCustomerRef","field_type":"TEXT"}"#)
        let fieldID = try #require(field.json?["id"]?.string)
        let fieldName = try #require(field.json?["field_name"]?.string)
        let contactID = try #require(created.json?["id"]?.string)
        let patched = try await client.send("PATCH", "/v2/contacts/\(contactID)?update_mask=custom_fields", body: #"{"custom_fields":[{"id":"\#(fieldID)","content":"C-77"}]}"#)
        #expect(patched.status == 200, "\(patched.text)")
        let byRef = try await client.send("GET", "/v2/contacts?filter=" + SandboxHTTPClient.encode("\(fieldName)==c-77"))
        #expect(byRef.json?["contacts"]?.array.count == 1)
        let byEmail = try await client.send("GET", "/v2/contacts?filter=" + SandboxHTTPClient.encode("email==ADA@example.com") + "&fields=id,email_addresses")
        #expect(byEmail.json?["contacts"]?.array.count == 1)
        #expect(try await client.send("GET", "/v2/contacts/\(contactID)").json?["family_name"]?.string == "Lovelace")
        #expect(try await client.send("GET", "/v2/contacts/99").status == 404)
    }

    @Test func productsFilterBySkuCaseInsensitivelyWithWildcard() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        _ = try await fixture.product(sku: "TEA-1")
        _ = try await fixture.product(sku: "TEA-10")
        _ = try await fixture.product(sku: "MUG-1")
        func skus(_ filter: String) async throws -> [String] {
            let answer = try await client.send("GET", "/v2/products?filter=" + SandboxHTTPClient.encode(filter))
            return answer.json?["products"]?.array.compactMap { $0["sku"]?.string } ?? []
        }
        #expect(try await skus("sku==tea-1") == ["TEA-1"])
        #expect(try await skus("sku==tea-1*") == ["TEA-1", "TEA-10"])
        #expect(try await skus("sku==MUG*") == ["MUG-1"])
        #expect(try await client.send("POST", "/v2/products", body: #"{"name":"X","price":12.50,"short_description":"x"}"#).status == 400)
        #expect(try await client.send("POST", "/v2/products", body: #"{"name":"X","price":1250}"#).status == 400)
        let patched = try await client.send("PATCH", "/v2/products/1?update_mask=price&update_mask=active", body: #"{"price":1300,"active":false,"name":"ignored"}"#)
        #expect(patched.status == 200)
        #expect(patched.json?["price"]?["amount"]?.numberText == "1300")
        #expect(patched.json?["active"] == .bool(false))
        #expect(patched.json?["name"]?.string == "Tea TEA-1")
        #expect(try await client.send("PATCH", "/v2/products/1?update_mask=colour", body: #"{}"#).status == 400)
    }
}
