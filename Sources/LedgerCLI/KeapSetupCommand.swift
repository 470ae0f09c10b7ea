import ArgumentParser
import LedgerSync

/// `keap-ledger keap setup`: creates the custom fields the sync writes, once, and records their ids.
struct KeapSetupCommand: AsyncFailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create the custom fields and charge products the sync needs (once; safe to run again).",
        discussion: """
            Custom fields of orders, contacts and subscriptions; and three inactive products (SKUs KEAPLEDGER-SHIPPING, \
            KEAPLEDGER-TAX, KEAPLEDGER-DISCOUNT) for charges sent as PRODUCT items. --json: created, adopted, \
            already_recorded (field names), charge_products (created, adopted, already_recorded SKUs).
            """
    )

    @OptionGroup var global: GlobalOptions

    func execute() async throws {
        let database = try global.openDatabase()
        let (report, products) = try await KeapConnection.withClient { client in
            (try await KeapCustomFieldSetup(database: database, client: client).run(),
             try await KeapChargeProductSetup(database: database, client: client).run())
        }
        if global.json {
            var object = JSONObjectWriter()
            object.add("created", report.created)
            object.add("adopted", report.adopted)
            object.add("already_recorded", report.alreadyRecorded)
            var charge = JSONObjectWriter()
            charge.add("created", products.created)
            charge.add("adopted", products.adopted)
            charge.add("already_recorded", products.alreadyRecorded)
            object.add("charge_products", charge)
            StandardStreams.out(object.text + "\n")
        } else {
            StandardStreams.out("custom fields: \(report.created.count) created, \(report.adopted.count) found in Keap, \(report.alreadyRecorded.count) already recorded; charge products: \(products.created.count) created, \(products.adopted.count) found in Keap, \(products.alreadyRecorded.count) already recorded\n")
        }
    }
}
