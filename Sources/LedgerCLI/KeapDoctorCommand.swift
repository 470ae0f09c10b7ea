import ArgumentParser
import KeapClient
import LedgerSync

/// `keap-ledger keap doctor [--probe]`: what the Keap tenant is and does, with evidence (cli.md); `--probe` learns
/// the charge-item representation and the DISCOUNT sign with one order made and deleted again, and stores them.
struct KeapDoctorCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report what the Keap tenant is and does; --probe learns how it takes charges and the DISCOUNT sign.",
        discussion: """
            Read-only by default: the credentials' kind, the account's currency and time zone (GET /v2/businessProfile), \
            the x-keap-*-throttle-* headers Keap sends, the custom fields and charge products the sync needs (present \
            or missing), the Manual Payment Types it sends. --probe (after `keap setup`): on the probe contact \
            \(KeapDoctor.probeEmail) (made once), creates one order with a PRODUCT item and SHIPPING, TAX and \
            DISCOUNT items, reads it back and deletes it; if Keap refuses typed items, the same with the charges as \
            PRODUCT items of the charge products. The findings are stored in the ledger and used by `outbox flush` \
            (KEAP_CHARGE_ITEMS and KEAP_DISCOUNT_SIGN still win). --json keys include charge_items (typed | product) \
            and discount_sign (positive | negative), null when never learnt. Exit 0; 75 when a probe order could not \
            be deleted (named with its id; the next probe deletes it).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Learn how the tenant takes charge items and the DISCOUNT sign (one order made and deleted).")
    var probe = false

    func execute() async throws {
        let database = try global.openDatabase()
        let settings = try KeapConnection.settings()
        let report = try await KeapConnection.withClient { client in
            try await KeapDoctor(database: database, client: client, settings: settings).run(probe: probe)
        }
        for warning in report.warnings { StandardStreams.err("warning: \(warning)\n") }
        StandardStreams.out((global.json ? Self.json(report).text : Self.describe(report)) + "\n")
        if let left = report.probe?.ordersLeft, !left.isEmpty {
            StandardStreams.err("probe orders still in Keap (delete them by hand, or run `keap doctor --probe` again): \(left.joined(separator: "; "))\n")
            throw ExitCode(CommandFailure.temporaryFailure)
        }
    }

    static func json(_ report: KeapDoctorReport) -> JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("credentials", report.credentials)
        object.add("currency", report.profile?.currencyCode)
        object.add("time_zone", report.profile?.timeZone)
        object.add("business_profile_error", report.profileUnavailable)
        var headers = JSONObjectWriter()
        for header in report.profile?.throttleHeaders ?? [] { headers.add(header.name, header.value) }
        object.add("throttle_headers", headers)
        object.add("custom_fields_present", report.customFieldsPresent)
        object.add("custom_fields_missing", report.customFieldsMissing)
        object.add("charge_products", report.chargeProducts)
        object.add("charge_products_missing", report.chargeProductsMissing)
        object.add("manual_payment_types", report.paymentTypes)
        object.add("charge_items", report.findings.chargeItems?.rawValue)
        object.add("charge_items_learnt_at", report.findings.chargeItemsLearntAt)
        object.add("discount_sign", report.findings.discountSign?.rawValue)
        object.add("discount_sign_learnt_at", report.findings.discountSignLearntAt)
        object.add("charge_items_in_use", report.chargeItemsInUse.value.rawValue)
        object.add("charge_items_from", report.chargeItemsInUse.source)
        object.add("discount_sign_in_use", report.discountSignInUse.value.rawValue)
        object.add("discount_sign_from", report.discountSignInUse.source)
        object.add("warnings", report.warnings)
        if let probe = report.probe {
            var probeObject = JSONObjectWriter()
            probeObject.add("evidence", probe.evidence)
            probeObject.add("orders_made", probe.ordersMade)
            probeObject.add("orders_deleted", probe.ordersDeleted)
            probeObject.add("orders_left", probe.ordersLeft)
            object.add("probe", probeObject)
        }
        return object
    }

    static func describe(_ report: KeapDoctorReport) -> String {
        var lines = ["credentials: \(report.credentials)"]
        if let profile = report.profile {
            lines.append("account: \(profile.name ?? "(no name)"), currency \(profile.currencyCode ?? "not given"), time zone \(profile.timeZone ?? "not given")")
            lines.append(profile.throttleHeaders.isEmpty
                ? "rate-limit headers: none in Keap's answer"
                : "rate-limit headers: " + profile.throttleHeaders.map { "\($0.name): \($0.value)" }.joined(separator: ", "))
        } else {
            lines.append("account: unknown (\(report.profileUnavailable ?? "no answer"))")
        }
        lines.append("custom fields: \(report.customFieldsPresent.count) present" + (report.customFieldsMissing.isEmpty ? "" : "; missing: " + report.customFieldsMissing.joined(separator: "; ")))
        lines.append("charge products: " + (report.chargeProducts + report.chargeProductsMissing.map { "\($0) missing" }).joined(separator: ", "))
        lines.append("manual payment types used (must exist in Keap, its v2 API cannot list them): " + report.paymentTypes.joined(separator: ", "))
        if let probe = report.probe {
            lines.append("probe:")
            lines += probe.evidence.map { "  \($0)" }
            lines.append("  \(probe.ordersMade) probe order(s) made; deleted: \(probe.ordersDeleted.isEmpty ? "none" : probe.ordersDeleted.joined(separator: ", "))" + (probe.ordersLeft.isEmpty ? "" : "; NOT deleted: " + probe.ordersLeft.joined(separator: "; ")))
        }
        let findings = report.findings
        lines.append("charge items: \(report.chargeItemsInUse.value.rawValue) (from \(report.chargeItemsInUse.source)\(findings.chargeItemsLearntAt.map { "; probe of \($0)" } ?? ""))")
        lines.append("discount sign: \(report.discountSignInUse.value.rawValue) (from \(report.discountSignInUse.source)\(findings.discountSignLearntAt.map { "; probe of \($0)" } ?? ""))")
        return lines.joined(separator: "\n")
    }
}
