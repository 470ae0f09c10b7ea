import KeapClient
import Testing

/// The subscription and plan calls: OpenAPI wire names, paths, pagination, and the same classification as every
/// other call (a create or `:deactivate` after a 5xx or a lost answer is an unknown outcome, never re-sent blindly).
@Suite("Subscription calls")
struct SubscriptionCallTests {
    static let subscriptionJSON = #"""
    {"id":"31","quantity":1,"active":true,"contact_id":"5","product_id":"3","subscription_plan_id":"8","billing_amount":1250,
     "auto_charge":false,"billing_frequency":1,"billing_cycle":"MONTH","start_date":"2026-11-23","next_bill_date":"2026-11-23",
     "custom_fields":[{"id":"21","content":"S-1"},{"id":"22","content":"active"}]}
    """#
    static let planJSON = #"{"id":"8","frequency":1,"active":true,"subscription_plan_name":"Tea monthly","cycle_type":"MONTHLY","total_cycles":0,"plan_price":{"amount":1250,"currency_code":"USD","formatted_amount":"$12.50"}}"#

    @Test("plan create: cycle_type, plan_price in minor units as an integer, frequency; path under the product")
    func planCreate() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(201, Self.planJSON))])
        let plan = try await client.createSubscriptionPlan(productID: "3", KeapSubscriptionPlanRequest(cycleType: "MONTHLY", planPriceMinor: 1250, frequency: 1, totalCycles: 0, active: true))
        #expect(plan == KeapSubscriptionPlan(id: "8", cycleType: "MONTHLY", frequency: 1, totalCycles: 0, active: true, name: "Tea monthly",
                                             planPrice: KeapMoney(amount: 1250, currencyCode: "USD")))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "http://keap.test/crm/rest/v2/products/3/subscriptions")
        #expect(RequestEncodingTests.body(request) == #"{"cycle_type":"MONTHLY","plan_price":1250,"frequency":1,"total_cycles":0,"active":true}"#)
    }

    @Test("plan list: every page of `subscriptions`, optional filter; absent frequency is Keap's default 1")
    func planList() async throws {
        let (client, transport, _) = TestClients.scripted([
            .answer(.json(200, #"{"subscriptions":[\#(Self.planJSON)],"next_page_token":"p2"}"#)),
            .answer(.json(200, #"{"subscriptions":[{"id":"9","cycle_type":"WEEKLY","plan_price":{"amount":"990","currency_code":"USD"}}]}"#)),
        ])
        let plans = try await client.listSubscriptionPlans(productID: "3", filter: "cycle_type==MONTHLY")
        #expect(plans.map(\.id) == ["8", "9"])
        #expect(plans[1].frequency == 1)
        #expect(plans[1].totalCycles == 0)
        #expect(plans[1].planPrice == KeapMoney(amount: 990, currencyCode: "USD"))
        #expect(transport.requests.map(\.url) == [
            "http://keap.test/crm/rest/v2/products/3/subscriptions?filter=cycle_type%3D%3DMONTHLY&page_size=2",
            "http://keap.test/crm/rest/v2/products/3/subscriptions?filter=cycle_type%3D%3DMONTHLY&page_size=2&page_token=p2",
        ])
    }

    @Test("subscription create: contact, plan, auto_charge false, allow_duplicate, custom fields; no start_date or billing_amount")
    func subscriptionCreate() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(201, Self.subscriptionJSON))])
        let subscription = try await client.createSubscription(KeapSubscriptionCreateRequest(
            contactID: "5", subscriptionPlanID: "8", quantity: 1, active: true,
            customFields: [KeapCustomFieldValue(id: "21", content: "S-1"), KeapCustomFieldValue(id: "22", content: "active")]))
        #expect(subscription.id == "31")
        #expect(subscription.active == true)
        #expect(subscription.contactID == "5")
        #expect(subscription.subscriptionPlanID == "8")
        #expect(subscription.billingAmountText == "1250")
        #expect(subscription.customFields.first == KeapCustomFieldValue(id: "21", content: "S-1"))
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://keap.test/crm/rest/v2/subscriptions")
        #expect(RequestEncodingTests.body(request) == #"{"contact_id":"5","subscription_plan_id":"8","quantity":1,"active":true,"auto_charge":false,"allow_duplicate":false,"custom_fields":[{"id":"21","content":"S-1"},{"id":"22","content":"active"}]}"#)
    }

    @Test("subscription PATCH: update_mask repeated, only the given members")
    func subscriptionUpdate() async throws {
        let (client, transport, _) = TestClients.scripted([.answer(.json(200, Self.subscriptionJSON))])
        _ = try await client.updateSubscription(id: "31", KeapSubscriptionUpdateRequest(active: true, customFields: [KeapCustomFieldValue(id: "22", content: "paused")]),
                                                updateMask: ["custom_fields", "active"])
        let request = try #require(transport.requests.first)
        #expect(request.method == "PATCH")
        #expect(request.url == "http://keap.test/crm/rest/v2/subscriptions/31?update_mask=custom_fields&update_mask=active")
        #expect(RequestEncodingTests.body(request) == #"{"active":true,"custom_fields":[{"id":"22","content":"paused"}]}"#)
    }

    @Test("list by custom field, get, and :deactivate with its reason")
    func listGetDeactivate() async throws {
        let (client, transport, _) = TestClients.scripted([
            .answer(.json(200, #"{"subscriptions":[\#(Self.subscriptionJSON)]}"#)),
            .answer(.json(200, Self.subscriptionJSON)),
            .answer(HTTPResponse(status: 200)),
        ])
        let found = try await client.listSubscriptions(filter: "_ExternalSubscriptionRef0==S-1")
        #expect(found.map(\.id) == ["31"])
        _ = try await client.getSubscription(id: "31")
        try await client.deactivateSubscription(id: "31", reason: "cancelled")
        #expect(transport.requests.map(\.url) == [
            "http://keap.test/crm/rest/v2/subscriptions?filter=_ExternalSubscriptionRef0%3D%3DS-1&page_size=2",
            "http://keap.test/crm/rest/v2/subscriptions/31",
            "http://keap.test/crm/rest/v2/subscriptions/31:deactivate",
        ])
        #expect(transport.requests[2].method == "POST")
        #expect(RequestEncodingTests.body(transport.requests[2]) == #"{"reason":"cancelled"}"#)
    }

    @Test("creates and :deactivate follow the POST rules: 429 re-sent, 500 or a lost answer is an unknown outcome")
    func classification() async throws {
        let (throttledClient, throttledTransport, _) = TestClients.scripted([.answer(ClassificationTests.throttled), .answer(HTTPResponse(status: 200))])
        try await throttledClient.deactivateSubscription(id: "31", reason: nil)
        #expect(throttledTransport.requests.count == 2)
        #expect(RequestEncodingTests.body(throttledTransport.requests[0]) == "{}")

        let (failingClient, failingTransport, _) = TestClients.scripted([.answer(ClassificationTests.error(500)), .answer(HTTPResponse(status: 200))])
        do {
            try await failingClient.deactivateSubscription(id: "31", reason: "cancelled")
            Issue.record("a 500 on :deactivate must not count as done")
        } catch {
            #expect(error.kind == .unknownOutcome)
        }
        #expect(failingTransport.requests.count == 1)

        let (lostClient, lostTransport, _) = TestClients.scripted([.fail(.connectionLost), .answer(.json(201, Self.subscriptionJSON))])
        do {
            _ = try await lostClient.createSubscription(KeapSubscriptionCreateRequest(contactID: "5", subscriptionPlanID: "8"))
            Issue.record("a lost answer to a create must be an unknown outcome")
        } catch {
            #expect(error.kind == .unknownOutcome)
        }
        #expect(lostTransport.requests.count == 1)

        let (planClient, _, _) = TestClients.scripted([.answer(ClassificationTests.error(400))])
        do {
            _ = try await planClient.createSubscriptionPlan(productID: "3", KeapSubscriptionPlanRequest(cycleType: "MONTHLY", planPriceMinor: 1, frequency: 1))
            Issue.record("a 400 must fail")
        } catch {
            #expect(error.kind == .permanent)
        }

        let (getClient, getTransport, _) = TestClients.scripted([.answer(ClassificationTests.error(503)), .answer(.json(200, Self.subscriptionJSON))])
        #expect(try await getClient.getSubscription(id: "31").id == "31")
        #expect(getTransport.requests.count == 2)
    }
}
