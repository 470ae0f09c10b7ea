import KeapClient
import LedgerCore
import LedgerStore

/// `keap-ledger keap doctor [--probe]`: what this Keap tenant is and does, with the evidence. Read-only by default
/// (the account's currency and time zone from `GET /v2/businessProfile`, the rate-limit headers of that answer, the
/// custom fields and charge products the sync needs, the Manual Payment Types it sends). With `probe`, it learns the
/// two rules Keap's documents leave open by trying them on one order of a dedicated probe contact, and deletes that
/// order again (it carries no payment, so Keap allows it).
package struct KeapDoctor: Sendable {
    /// The probe contact's email: found again by it on every later probe, so only one is ever made.
    package static let probeEmail = "probe@keapledger.invalid"
    /// Every probe order's title starts with this; a probe order an earlier run could not delete is found by it on
    /// the probe contact and deleted first.
    package static let probeTitle = "KEAPLEDGER-PROBE"

    let database: LedgerDatabase
    let client: KeapClient
    /// From the environment: the tenant currency to compare, the payment types, the settings that override findings.
    let settings: SyncSettings
    let clock: any LedgerClock

    package init(database: LedgerDatabase, client: KeapClient, settings: SyncSettings, clock: any LedgerClock = SystemClock()) {
        self.database = database
        self.client = client
        self.settings = settings
        self.clock = clock
    }

    package func run(probe: Bool) async throws(SyncFailure) -> KeapDoctorReport {
        var report = KeapDoctorReport()
        report.credentials = Self.describe(client.configuration.credentials)
        do {
            let profile = try await client.businessProfile()
            report.profile = profile
            if let code = profile.currencyCode, code != settings.tenantCurrency.code {
                report.warnings.append("Keap's account currency is \(code), KEAP_CURRENCY is \(settings.tenantCurrency.code): set KEAP_CURRENCY=\(code), or every total check will refuse")
            }
        } catch {
            if error.kind == .authentication { throw .keap(error) }
            report.profileUnavailable = "GET /v2/businessProfile: \(error)"
        }
        try await checkCustomFields(&report)
        try checkChargeProducts(&report)
        report.paymentTypes = Array(Set(settings.paymentMethodTypes.values)).sorted()
        if probe {
            var probeReport = KeapProbeReport()
            try await runProbe(&probeReport)
            do { try probeReport.findings.store(database, clock: clock) } catch { throw .database(error) }
            report.probe = probeReport
        }
        do { report.findings = try TenantFindings.load(database) } catch { throw .database(error) }
        let effective = settings.applying(report.findings)
        report.chargeItemsInUse = (effective.chargeItems, settings.chargeItemsGiven ? "KEAP_CHARGE_ITEMS" : report.findings.chargeItems != nil ? "probe" : "default")
        report.discountSignInUse = (effective.discountSign, settings.discountSignGiven ? "KEAP_DISCOUNT_SIGN" : report.findings.discountSign != nil ? "probe" : "default")
        return report
    }

    static func describe(_ credentials: KeapCredentials) -> String {
        switch credentials {
        case .apiKey: "Service Account Key (KEAP_API_KEY, sent as X-Keap-API-Key)"
        case .accessToken: "OAuth2 access token (KEAP_ACCESS_TOKEN, sent as Bearer; not refreshed)"
        case .oauth(let settings): "OAuth2 with refresh (KEAP_TOKEN_FILE \(settings.tokenFile))"
        }
    }

    // MARK: - Read-only checks

    /// Each custom field the sync needs: present (recorded, and Keap has it under that id and label), missing in
    /// Keap, or not recorded yet (`keap setup` would create or adopt it).
    private func checkCustomFields(_ report: inout KeapDoctorReport) async throws(SyncFailure) {
        var models: [KeapRecordType: [KeapCustomFieldDefinition]] = [:]
        for field in KeapCustomField.all {
            let name = "\(field.record.rawValue) \(field.label)"
            do {
                if models[field.record] == nil { models[field.record] = try await client.customFieldModel(field.record) }
                let model = models[field.record, default: []]
                switch try database.keapRef(KeapCustomFieldSetup.key(field)) {
                case .known(let id, _) where model.contains(where: { $0.id == id && $0.label == field.label }):
                    report.customFieldsPresent.append(name)
                case .known(let id, _):
                    report.customFieldsMissing.append("\(name) (recorded as Keap id \(id), which Keap does not have with that label)")
                case .intent, .unknown:
                    report.customFieldsMissing.append(model.contains { $0.label == field.label }
                        ? "\(name) (in Keap, not recorded: run `keap-ledger keap setup`)"
                        : "\(name) (not in Keap: run `keap-ledger keap setup`)")
                }
            } catch let error as KeapCallError {
                throw .keap(error)
            } catch let error as LedgerStoreError {
                throw .database(error)
            } catch {
                throw .internalError("checking custom field \(name): \(error)")
            }
        }
    }

    private func checkChargeProducts(_ report: inout KeapDoctorReport) throws(SyncFailure) {
        for (_, sku) in ChargeProducts.skus {
            do {
                if let id = try database.keapRef(KeapRefKey(.product, sku)).keapID {
                    report.chargeProducts.append("\(sku) (Keap product \(id))")
                } else {
                    report.chargeProductsMissing.append(sku)
                }
            } catch {
                throw .database(error)
            }
        }
    }

    // MARK: - The probe

    /// One order with a PRODUCT item and SHIPPING, TAX and DISCOUNT items (the DISCOUNT priced positive); if Keap
    /// refuses it, the same with the charges as PRODUCT items of the charge products. Keap's total tells the sign:
    /// product 10 + shipping 4 + tax 2 with a discount of 1 is 15 when Keap subtracts a positive DISCOUNT, 17 when it
    /// sums the prices as written.
    private func runProbe(_ probe: inout KeapProbeReport) async throws(SyncFailure) {
        let recorded: [String: String]?
        do { recorded = try KeapChargeProductSetup.recorded(database) } catch { throw .database(error) }
        guard let products = recorded else {
            throw .setupMissing("the probe needs the charge products (\(ChargeProducts.skus.map(\.sku).joined(separator: ", "))): run `keap-ledger keap setup` first")
        }
        let contactID = try await probeContact(&probe)
        try await deleteLeftovers(contactID: contactID, &probe)
        let currency = settings.tenantCurrency
        let unit = Int64(pow10(currency.minorUnits))
        func price(_ major: Int64) -> KeapDecimal { KeapDecimal(minorUnits: major * unit, scale: currency.minorUnits) }
        let productLine = KeapOrderItemRequest(itemType: "PRODUCT", productID: products["SHIPPING"], description: "probe product line",
                                               quantity: 1, pricePerUnit: price(10), notes: "probe:PRODUCT")
        let charges: [(type: String, major: Int64)] = [("SHIPPING", 4), ("TAX", 2), ("DISCOUNT", 1)]
        let typed = [productLine] + charges.map { charge in
            KeapOrderItemRequest(itemType: charge.type, name: ChargeProducts.name(of: charge.type), quantity: 1, pricePerUnit: price(charge.major), notes: "probe:\(charge.type)")
        }
        let subtracted = 15 * unit
        let summed = 17 * unit

        switch try await probeOrder(contactID: contactID, items: typed, what: "typed charge items", &probe) {
        case .refused(let message):
            probe.evidence.append("typed charge items (SHIPPING, TAX, DISCOUNT without a product) refused: \(message)")
        case .made(let order):
            let types = Set(order.items.map(\.itemType))
            if types.isSuperset(of: ["SHIPPING", "TAX", "DISCOUNT"]) {
                probe.findings.chargeItems = .typed
                probe.evidence.append("typed charge items accepted: Keap shows the items as \(order.items.map(\.itemType).joined(separator: ", "))")
                probe.findings.discountSign = sign(order, subtracted: subtracted, summed: summed, currency: currency, &probe)
                return
            }
            probe.evidence.append("typed charge items accepted but shown as \(order.items.map(\.itemType).joined(separator: ", ")): not taken as typed")
        }
        let asProducts = [productLine] + charges.map { charge in
            KeapOrderItemRequest(itemType: "PRODUCT", productID: products[charge.type], quantity: 1, pricePerUnit: price(charge.major), notes: "charge:\(charge.type)")
        }
        switch try await probeOrder(contactID: contactID, items: asProducts, what: "charges as PRODUCT items", &probe) {
        case .refused(let message):
            probe.evidence.append("charges as PRODUCT items refused too: \(message); neither representation can be used with this tenant")
        case .made(let order):
            probe.findings.chargeItems = .product
            probe.evidence.append("charges as PRODUCT items of the charge products accepted")
            probe.findings.discountSign = sign(order, subtracted: subtracted, summed: summed, currency: currency, &probe)
        }
    }

    private func sign(_ order: KeapOrder, subtracted: Int64, summed: Int64, currency: Currency,
                      _ probe: inout KeapProbeReport) -> SyncSettings.DiscountSign? {
        let shown = "Keap's total \(currency.format(order.total.amount)) \(order.total.currencyCode)"
        let readings = "(a positive DISCOUNT of 1 subtracted: \(currency.format(subtracted)); prices summed as written: \(currency.format(summed)))"
        switch order.total.amount {
        case subtracted:
            probe.evidence.append("\(shown) \(readings): Keap subtracts a positive DISCOUNT")
            return .positive
        case summed:
            probe.evidence.append("\(shown) \(readings): Keap sums signed prices, a discount is sent negative")
            return .negative
        default:
            probe.evidence.append("\(shown) matches neither reading \(readings): the DISCOUNT sign stays unknown")
            return nil
        }
    }

    private enum ProbeOutcome {
        case made(KeapOrder)
        case refused(String)
    }

    /// Creates one probe order, reads it back, deletes it. A create whose outcome is unknown is looked for on the
    /// probe contact and deleted, then the run stops: nothing of the probe may stay in Keap.
    private func probeOrder(contactID: String, items: [KeapOrderItemRequest], what: String,
                            _ probe: inout KeapProbeReport) async throws(SyncFailure) -> ProbeOutcome {
        let request = KeapOrderCreateRequest(
            contactID: contactID, orderTitle: "\(Self.probeTitle) \(what)", orderTime: SyncContext.keapTime(clock.now().utcText),
            orderType: "ONLINE", items: items, customFields: [], notes: "made by keap-ledger keap doctor --probe and deleted again")
        let created: KeapOrder
        do {
            created = try await client.createOrder(request)
        } catch {
            switch error.kind {
            case .permanent: return .refused(error.message)
            case .authentication: throw .keap(error)
            case .retryable, .unknownOutcome:
                try await deleteLeftovers(contactID: contactID, &probe)
                throw .keap(error)
            }
        }
        probe.ordersMade += 1
        var order = created
        var readError: KeapCallError?
        do { order = try await client.getOrder(id: created.id) } catch { readError = error }
        await delete(created.id, &probe)
        if let readError { throw .keap(readError) }
        return .made(order)
    }

    private func delete(_ id: String, _ probe: inout KeapProbeReport) async {
        do {
            try await client.deleteOrder(id: id)
            probe.ordersDeleted.append(id)
        } catch {
            // A 404 means it is gone already (rule 3).
            if error.status == 404 { probe.ordersDeleted.append(id); return }
            probe.ordersLeft.append("\(id) (\(error))")
        }
    }

    /// Deletes the probe orders an earlier run left on the probe contact.
    private func deleteLeftovers(contactID: String, _ probe: inout KeapProbeReport) async throws(SyncFailure) {
        let orders: [KeapOrder]
        do {
            orders = try await client.listOrders(filter: "contact_id==\(contactID)")
        } catch {
            throw .keap(error)
        }
        for order in orders where order.title?.hasPrefix(Self.probeTitle) == true {
            await delete(order.id, &probe)
        }
    }

    /// The probe contact, found by its email (the oldest, should Keap have several), else made once.
    private func probeContact(_ probe: inout KeapProbeReport) async throws(SyncFailure) -> String {
        do {
            let found = try await client.listContacts(filter: SyncContext.exactFilter(fieldName: "email", value: Self.probeEmail))
                .filter { $0.emails.contains { $0.lowercased() == Self.probeEmail } }
                .sorted { SyncContext.isOlder($0.id, than: $1.id) }
            if let contact = found.first { return contact.id }
            let created = try await client.createContact(KeapContactRequest(email: Self.probeEmail, givenName: "KeapLedger", familyName: "Probe"))
            probe.evidence.append("probe contact \(Self.probeEmail) created (Keap contact \(created.id)); later probes use it again")
            return created.id
        } catch {
            throw .keap(error)
        }
    }

    private func pow10(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { result, _ in result * 10 } }
}
