import KeapSandbox
import LedgerCore
import LedgerTestSupport
import Testing

/// Subscription plans and subscriptions over real HTTP: as strict as the OpenAPI where it is strict.
@Suite(.awaitedTeardown) struct SandboxSubscriptionTests {
    /// A subscription custom field; returns (id, field_name).
    static func subscriptionField(_ fixture: SandboxFixture, label: String) async throws -> (id: String, fieldName: String) {
        let answer = try await fixture.client.send("POST", "/v2/subscriptions/model/customFields", body: #"{"label":"\#(label)","field_type":"TEXT"}"#)
        #expect(answer.status == 201, "\(answer.text)")
        #expect(answer.json?["record_type"]?.string == "SUBSCRIPTION")
        return (try #require(answer.json?["id"]?.string), try #require(answer.json?["field_name"]?.string))
    }

    @Test func plansNeedACycleAndAPriceInMinorUnitsUnderAnExistingProduct() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        let tea = try await fixture.product(sku: "TEA-1")
        let mug = try await fixture.product(sku: "MUG-1")
        let path = "/v2/products/\(tea)/subscriptions"

        #expect(try await client.send("POST", path, body: #"{"plan_price":1250}"#).status == 400)
        #expect(try await client.send("POST", path, body: #"{"cycle_type":"MONTHLY"}"#).status == 400)
        #expect(try await client.send("POST", path, body: #"{"cycle_type":"MONTH","plan_price":1250}"#).status == 400)
        // "in the smallest currency unit": a decimal means major units were sent.
        #expect(try await client.send("POST", path, body: #"{"cycle_type":"MONTHLY","plan_price":12.50}"#).status == 400)
        #expect(try await client.send("POST", path, body: #"{"cycle_type":"MONTHLY","plan_price":-1}"#).status == 400)
        #expect(try await client.send("POST", path, body: #"{"cycle_type":"MONTHLY","plan_price":1250,"frequency":0}"#).status == 400)
        #expect(try await client.send("POST", path, body: #"{"cycle_type":"MONTHLY","plan_price":1250,"cycleType":"x"}"#).status == 400)
        #expect(try await client.send("POST", "/v2/products/99/subscriptions", body: #"{"cycle_type":"MONTHLY","plan_price":1250}"#).status == 404)

        let monthly = try await client.send("POST", path, body: #"{"cycle_type":"MONTHLY","plan_price":1250,"frequency":1}"#)
        #expect(monthly.status == 201, "\(monthly.text)")
        #expect(monthly.json?["id"]?.string == "1")
        #expect(monthly.json?["cycle_type"]?.string == "MONTHLY")
        #expect(monthly.json?["frequency"]?.numberText == "1")
        #expect(monthly.json?["total_cycles"]?.numberText == "0")
        #expect(monthly.json?["active"] == .bool(true))
        #expect(monthly.json?["plan_price"]?["amount"]?.numberText == "1250")
        #expect(monthly.json?["plan_price"]?["currency_code"]?.string == "USD")
        let weekly = try await client.send("POST", path, body: #"{"cycle_type":"WEEKLY","plan_price":990,"frequency":2,"active":false}"#)
        #expect(weekly.status == 201)
        _ = try await client.send("POST", "/v2/products/\(mug)/subscriptions", body: #"{"cycle_type":"YEARLY","plan_price":9900}"#)

        func ids(_ query: String) async throws -> [String] {
            let answer = try await client.send("GET", query)
            #expect(answer.status == 200, "\(answer.text)")
            return answer.json?["subscriptions"]?.array.compactMap { $0["id"]?.string } ?? []
        }
        #expect(try await ids(path) == ["1", "2"])
        #expect(try await ids(path + "?filter=" + SandboxHTTPClient.encode("cycle_type==WEEKLY")) == ["2"])
        #expect(try await ids(path + "?filter=" + SandboxHTTPClient.encode("active==true;cycle_type==MONTHLY")) == ["1"])
        #expect(try await ids("/v2/products/-/subscriptions") == ["1", "2", "3"])
        #expect(try await ids(path + "?page_size=1") == ["1"])
        #expect(try await client.send("GET", path + "?filter=" + SandboxHTTPClient.encode("plan_price==1250")).status == 400)
        #expect(try await client.send("GET", path + "?filter=" + SandboxHTTPClient.encode("cycle_type==MONTH")).status == 400)
        #expect(try await client.send("GET", "/v2/products/99/subscriptions").status == 404)

        let snapshot = await fixture.sandbox.snapshot()
        #expect(snapshot.subscriptionPlans.map(\.productID) == [tea, tea, mug])
        #expect(snapshot.subscriptionPlans.first?.planPriceText == "1250")
    }

    @Test func subscriptionsAreStrictAboutContactPlanDatesDuplicatesAndCustomFields() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let client = fixture.client
        let contactID = try await fixture.contact()
        let productID = try await fixture.product()
        let plan = try await client.send("POST", "/v2/products/\(productID)/subscriptions", body: #"{"cycle_type":"MONTHLY","plan_price":1250}"#)
        let planID = try #require(plan.json?["id"]?.string)
        let ref = try await Self.subscriptionField(fixture, label: "ExternalSubscriptionRef")
        let orderField = try await fixture.orderField(label: "ExternalOrderRef")

        func create(_ members: String) async throws -> SandboxHTTPClient.Answer {
            try await client.send("POST", "/v2/subscriptions", body: "{" + members + "}")
        }
        #expect(try await create(#""subscription_plan_id":"\#(planID)""#).status == 400)
        #expect(try await create(#""contact_id":"\#(contactID)""#).status == 400)
        #expect(try await create(#""contact_id":"99","subscription_plan_id":"\#(planID)""#).status == 400)
        #expect(try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"99""#).status == 400)
        #expect(try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","start_date":"2020-01-01""#).status == 400)
        #expect(try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","start_date":"2099-13-01""#).status == 400)
        #expect(try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","quantity":0"#).status == 400)
        // Custom fields by id of the SUBSCRIPTION model: an order field's id is refused.
        #expect(try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","custom_fields":[{"id":"\#(orderField.id)","content":"S-1"}]"#).status == 400)
        #expect(await fixture.sandbox.snapshot().subscriptions.isEmpty, "refused creates store nothing")

        let first = try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","auto_charge":false,"allow_duplicate":false,"custom_fields":[{"id":"\#(ref.id)","content":"S-1"}]"#)
        #expect(first.status == 201, "\(first.text)")
        let subscriptionID = try #require(first.json?["id"]?.string)
        #expect(first.json?["active"] == .bool(true))
        #expect(first.json?["product_id"]?.string == productID)
        #expect(first.json?["billing_cycle"]?.string == "MONTH")
        #expect(first.json?["billing_amount"]?.numberText == "1250")
        #expect(first.json?["start_date"]?.string?.count == 10)
        #expect(first.json?["custom_fields"]?[0]?["content"]?.string == "S-1")

        // The same contact on the same plan again: refused while allow_duplicate is false (its default).
        let twin = try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","auto_charge":false"#)
        #expect(twin.status == 400)
        #expect(twin.json?["message"]?.string?.contains("identical") == true)
        let allowed = try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","auto_charge":false,"allow_duplicate":true,"start_date":"2099-01-01","custom_fields":[{"id":"\#(ref.id)","content":"s-2"}]"#)
        #expect(allowed.status == 201, "\(allowed.text)")
        #expect(allowed.json?["start_date"]?.string == "2099-01-01")

        // Lists filter by the custom field's field_name (case-insensitive, as Keap), by status and by contact.
        func ids(_ filter: String) async throws -> [String] {
            let answer = try await client.send("GET", "/v2/subscriptions?filter=" + SandboxHTTPClient.encode(filter))
            #expect(answer.status == 200, "\(answer.text)")
            return answer.json?["subscriptions"]?.array.compactMap { $0["id"]?.string } ?? []
        }
        #expect(try await ids("\(ref.fieldName)==S-1") == [subscriptionID])
        #expect(try await ids("\(ref.fieldName.lowercased())==s-1") == [subscriptionID])
        #expect(try await ids("\(ref.fieldName)==S-*").count == 2)
        #expect(try await ids("contact_id==\(contactID);status==Active").count == 2)
        #expect(try await client.send("GET", "/v2/subscriptions?filter=" + SandboxHTTPClient.encode("\(ref.fieldName)!=S-1")).status == 400)
        #expect(try await client.send("GET", "/v2/subscriptions?filter=" + SandboxHTTPClient.encode("\(orderField.fieldName)==S-1")).status == 400)
        #expect(try await client.send("GET", "/v2/subscriptions?order_by=price").status == 400)

        // PATCH: the mask decides; dates in the past refused; unknown mask values refused.
        let patched = try await client.send("PATCH", "/v2/subscriptions/\(subscriptionID)?update_mask=custom_fields", body: #"{"custom_fields":[{"id":"\#(ref.id)","content":"S-1b"}],"reason_stopped":"ignored"}"#)
        #expect(patched.status == 200, "\(patched.text)")
        #expect(patched.json?["custom_fields"]?[0]?["content"]?.string == "S-1b")
        #expect(patched.json?["reason_stopped"] == nil)
        #expect(try await client.send("PATCH", "/v2/subscriptions/\(subscriptionID)?update_mask=next_bill_date", body: #"{"next_bill_date":"2020-01-01"}"#).status == 400)
        #expect(try await client.send("PATCH", "/v2/subscriptions/\(subscriptionID)?update_mask=end_date", body: #"{"end_date":"2099-12-31"}"#).status == 200)
        #expect(try await client.send("PATCH", "/v2/subscriptions/\(subscriptionID)?update_mask=status", body: #"{}"#).status == 400)
        #expect(try await client.send("PATCH", "/v2/subscriptions/99?update_mask=active", body: #"{"active":false}"#).status == 404)

        // :deactivate stops it once; a second one is refused (a client must read before it deactivates again).
        #expect(try await client.send("POST", "/v2/subscriptions/\(subscriptionID):deactivate").status == 400, "the body is required")
        let stopped = try await client.send("POST", "/v2/subscriptions/\(subscriptionID):deactivate", body: #"{"reason":"cancelled"}"#)
        #expect(stopped.status == 200, "\(stopped.text)")
        #expect(stopped.text.isEmpty)
        let after = try await client.send("GET", "/v2/subscriptions/\(subscriptionID)")
        #expect(after.json?["active"] == .bool(false))
        #expect(after.json?["reason_stopped"]?.string == "cancelled")
        #expect(try await client.send("POST", "/v2/subscriptions/\(subscriptionID):deactivate", body: "{}").status == 400)
        #expect(try await client.send("POST", "/v2/subscriptions/99:deactivate", body: "{}").status == 404)
        #expect(try await client.send("POST", "/v2/subscriptions/\(subscriptionID):pause", body: "{}").status == 404)
        #expect(try await ids("status==inactive") == [subscriptionID])
        // An inactive one is no twin: once both are stopped, the same contact and plan can start again.
        let allowedID = try #require(allowed.json?["id"]?.string)
        #expect(try await client.send("POST", "/v2/subscriptions/\(allowedID):deactivate", body: "{}").status == 200)
        #expect(try await create(#""contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","auto_charge":false"#).status == 201)

        let snapshot = await fixture.sandbox.snapshot()
        #expect(snapshot.subscriptions.count == 3)
        #expect(snapshot.subscriptions(customField: "ExternalSubscriptionRef", equals: "S-1b").map(\.id) == [subscriptionID])
        #expect(snapshot.counters.forbiddenUsage.autoCharge == 0)
        let dump = try await client.send("GET", "/__sandbox/state")
        #expect(dump.json?["subscriptions"]?.array.count == 3)
        #expect(dump.json?["subscription_plans"]?.array.count == 1)
        #expect(dump.json?["subscriptions"]?[0]?["custom_fields_by_label"]?["ExternalSubscriptionRef"]?.string == "S-1b")
        #expect(dump.json?["custom_field_models"]?["subscriptions"]?.array.count == 1)
        #expect(!dump.text.contains("sandbox-key"))

        _ = try await client.send("POST", "/__sandbox/reset")
        let empty = await fixture.sandbox.snapshot()
        #expect(empty.subscriptions.isEmpty && empty.subscriptionPlans.isEmpty)
    }

    @Test func autoChargeAndStoredPaymentMethodsAreCountedAsForbidden() async throws {
        let fixture = try await SandboxFixture.start()
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        let productID = try await fixture.product()
        let plan = try await fixture.client.send("POST", "/v2/products/\(productID)/subscriptions", body: #"{"cycle_type":"DAILY","plan_price":100}"#)
        let planID = try #require(plan.json?["id"]?.string)
        // No auto_charge at all: Keap's default is true.
        let defaulted = try await fixture.client.send("POST", "/v2/subscriptions", body: #"{"contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","payment_method_id":"7"}"#)
        #expect(defaulted.status == 201)
        #expect(defaulted.json?["auto_charge"] == .bool(true))
        let usage = await fixture.sandbox.snapshot().counters.forbiddenUsage
        #expect(usage.autoCharge == 1)
        #expect(usage.paymentMethodID == 1)
    }

    @Test func theVerifyReadingsAreSettings() async throws {
        // Plan prices in major units, and past dates accepted: the other readings of the OpenAPI.
        let fixture = try await SandboxFixture.start(KeapSandboxConfiguration(subscriptionAmountUnits: .major, refusePastSubscriptionDates: false))
        await AwaitedTeardown.add { await fixture.stop() }
        let contactID = try await fixture.contact()
        let productID = try await fixture.product()
        let plan = try await fixture.client.send("POST", "/v2/products/\(productID)/subscriptions", body: #"{"cycle_type":"MONTHLY","plan_price":12.50}"#)
        #expect(plan.status == 201, "\(plan.text)")
        #expect(plan.json?["plan_price"]?["amount"]?.numberText == "1250")
        #expect(try await fixture.client.send("POST", "/v2/products/\(productID)/subscriptions", body: #"{"cycle_type":"MONTHLY","plan_price":12.505}"#).status == 400)
        let planID = try #require(plan.json?["id"]?.string)
        let old = try await fixture.client.send("POST", "/v2/subscriptions", body: #"{"contact_id":"\#(contactID)","subscription_plan_id":"\#(planID)","auto_charge":false,"start_date":"2020-01-01"}"#)
        #expect(old.status == 201, "\(old.text)")
        #expect(old.json?["billing_amount"]?.numberText == "12.50")
    }
}
