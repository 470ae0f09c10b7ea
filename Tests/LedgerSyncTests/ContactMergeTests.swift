import GRDB
import KeapClient
import KeapSandbox
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// Keap replaces every contact list a PATCH or an upsert names ("any item not listed here will be removed"): emails,
/// phones, addresses and custom fields. The sync must leave what the shop keeps in Keap alone.
@Suite("Contacts merge with what Keap already has", .awaitedTeardown)
struct ContactMergeTests {
    private static func customer(_ id: String, at time: String, email: String, first: String = "Ada", phone: String = "+1 555 0199") -> String {
        EventBuilder.line("customer.upserted", at: time, id: id, data: #"{"customer_ref":"C-1","email":"\#(email)","first_name":"\#(first)","last_name":"Lovelace","phone":"\#(phone)","billing_address":{"line1":"1 Main St","city":"Phoenix","region":"AZ","postal_code":"85001","country_code":"US"}}"#)
    }

    private static func entry(_ members: [(String, JSONValue)]) -> JSONObject {
        JSONObject(members: members.map { JSONMember($0.0, $0.1) })
    }

    /// The shop's own contact for ada@example.com: a second email, a second phone, an OTHER address and a numeric
    /// custom field of its own, all made in Keap before the ledger ever sent anything.
    private static func shopContact(_ harness: SyncHarness) async throws -> (id: String, pointsFieldID: String) {
        let points = try await harness.client.createCustomField(.contacts, label: "LoyaltyPoints", fieldType: "WHOLE_NUMBER")
        var request = KeapContactRequest(email: "ADA@example.com", givenName: "Augusta", phone: "+1 555 0100")
        request.kept[.emailAddresses] = [entry([("email", .string("ada.work@example.com")), ("field", .string("EMAIL2"))])]
        request.kept[.phoneNumbers] = [entry([("number", .string("+1 555 0101")), ("field", .string("PHONE2")), ("type", .string("Work"))])]
        request.kept[.addresses] = [entry([("field", .string("OTHER")), ("line1", .string("9 Harbour Rd")), ("locality", .string("Tempe"))])]
        request.keptCustomFields = [entry([("id", .string(points.id)), ("content", .number(JSONNumber(text: "120")))])]
        let contact = try await harness.client.createContact(request)
        return (contact.id, points.id)
    }

    private static func list(_ contact: SandboxContact, _ key: String) -> [JSONObject] {
        guard case .array(let entries)? = contact.fields[key] else { return [] }
        return entries.compactMap { if case .object(let object) = $0 { object } else { nil } }
    }

    private static func slot(_ contact: SandboxContact, _ key: String, _ field: String, _ member: String) -> String? {
        guard let entry = list(contact, key).first(where: { $0["field"] == .string(field) }), case .string(let text)? = entry[member] else { return nil }
        return text
    }

    /// What the shop made must still be there, exactly.
    private static func expectShopDataKept(_ contact: SandboxContact, pointsFieldID: String) {
        #expect(slot(contact, "email_addresses", "EMAIL2", "email") == "ada.work@example.com")
        #expect(slot(contact, "phone_numbers", "PHONE2", "number") == "+1 555 0101")
        #expect(slot(contact, "phone_numbers", "PHONE2", "type") == "Work")
        #expect(slot(contact, "addresses", "OTHER", "line1") == "9 Harbour Rd")
        // A number stays a number: the value goes back as Keap returned it, not as text.
        #expect(contact.customFields.first { $0.id == pointsFieldID }?.content == .number(JSONNumber(text: "120")))
    }

    @Test func aContactTheShopAlreadyHasIsAdoptedByEmailAndMergedNotOverwritten() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        let shop = try await Self.shopContact(harness)
        try harness.ingest(Self.customer("c1", at: "2026-11-20T09:00:00Z", email: "ada@example.com"))

        let first = try await harness.flush()
        #expect(first.sent == 1)
        #expect(first.calls == 2, "the email lookup and one PATCH")
        var snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.contacts.count == 1)
        let contact = try #require(snapshot.contacts.first)
        #expect(contact.id == shop.id)
        #expect(try harness.database.keapRef(KeapRefKey(.contact, "C-1")) == .known(id: shop.id, fieldName: nil))
        #expect(Self.slot(contact, "email_addresses", "EMAIL1", "email") == "ada@example.com")
        #expect(Self.slot(contact, "phone_numbers", "PHONE1", "number") == "+1 555 0199")
        #expect(Self.slot(contact, "addresses", "BILLING", "line1") == "1 Main St")
        #expect(contact.givenName == "Ada")
        #expect(contact.customFields.contains { $0.label == "ExternalCustomerRef" && $0.text == "C-1" })
        Self.expectShopDataKept(contact, pointsFieldID: shop.pointsFieldID)

        // An email change rewrites the lists it touches: one read to merge, one PATCH.
        try harness.ingest(Self.customer("c2", at: "2026-11-21T09:00:00Z", email: "ada@lovelace.example"))
        let emailChange = try await harness.flush()
        #expect(emailChange.calls == 2)
        snapshot = await harness.sandbox.snapshot()
        let changed = try #require(snapshot.contacts.first)
        #expect(changed.emails.sorted() == ["ada.work@example.com", "ada@lovelace.example"])
        #expect(changed.customFields.contains { $0.label == "ExternalCustomerRef" && $0.text == "C-1" })
        Self.expectShopDataKept(changed, pointsFieldID: shop.pointsFieldID)

        // A name change names no list: one PATCH, nothing read.
        try harness.ingest(Self.customer("c3", at: "2026-11-22T09:00:00Z", email: "ada@lovelace.example", first: "Augusta Ada"))
        let nameChange = try await harness.flush()
        #expect(nameChange.calls == 1)
        let renamed = try #require(await harness.sandbox.snapshot().contacts.first)
        #expect(renamed.givenName == "Augusta Ada")
        #expect(renamed.emails.sorted() == ["ada.work@example.com", "ada@lovelace.example"])
        Self.expectShopDataKept(renamed, pointsFieldID: shop.pointsFieldID)

        #expect(try await harness.flush().calls == 0)
    }

    @Test func aNewCustomerIsLookedUpByEmailThenCreatedOnce() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        try harness.ingest(Self.customer("c1", at: "2026-11-20T09:00:00Z", email: "grace@example.com"))
        let summary = try await harness.flush()
        #expect(summary.sent == 1)
        #expect(summary.calls == 2, "the email lookup and the create")
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.contacts.map(\.emails) == [["grace@example.com"]])
        let resolution = try harness.query { db in try String.fetchOne(db, sql: "SELECT resolution FROM keap_ref WHERE kind = 'contact' AND ref = 'C-1'") }
        #expect(resolution == "created")
    }
}
