import KeapClient
import LedgerStore

/// The Keap ids and `field_name`s of the sync's custom fields, as `keap setup` recorded them.
struct CustomFieldDirectory: Sendable {
    struct Entry: Sendable {
        let id: String
        let fieldName: String
    }

    private let entries: [String: Entry]

    /// Loads every field of `KeapCustomField.all`; throws naming the missing ones when setup has not run.
    init(database: LedgerDatabase) throws(SyncFailure) {
        var entries: [String: Entry] = [:]
        var missing: [String] = []
        do {
            for field in KeapCustomField.all {
                if case .known(let id, let fieldName) = try database.keapRef(KeapCustomFieldSetup.key(field)) {
                    entries[Self.key(field.record, field.label)] = Entry(id: id, fieldName: fieldName ?? "")
                } else {
                    missing.append("\(field.record.rawValue) \(field.label)")
                }
            }
        } catch {
            throw SyncFailure.database(error)
        }
        guard missing.isEmpty else {
            throw SyncFailure.setupMissing("the Keap custom fields \(missing.joined(separator: ", ")) are not set up; run `keap-ledger keap setup` once (it creates them in Keap and records their ids)")
        }
        self.entries = entries
    }

    func entry(_ record: KeapRecordType, _ label: String) -> Entry? {
        entries[Self.key(record, label)]
    }

    /// Custom-field values for `record`, by label; labels the sync does not manage are left out.
    func values(_ record: KeapRecordType, _ fields: [(key: String, value: String?)]) -> [KeapCustomFieldValue] {
        fields.compactMap { field in
            entry(record, field.key).map { KeapCustomFieldValue(id: $0.id, content: field.value) }
        }
    }

    private static func key(_ record: KeapRecordType, _ label: String) -> String {
        record.rawValue + "/" + label
    }
}
