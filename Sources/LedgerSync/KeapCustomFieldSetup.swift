import KeapClient
import LedgerStore

/// `keap-ledger keap setup` (spec/keap-sync.md rule 7): makes sure every custom field the sync writes exists in
/// Keap, and records its id and `field_name`. Safe to run again: a field already recorded costs nothing, a field Keap
/// already has (same label) is adopted, and a create whose answer was lost is looked up before creating again (rule 2;
/// Keap allows duplicate labels, so creating blindly could make two).
package struct KeapCustomFieldSetup: Sendable {
    /// What setup did per field.
    package struct Report: Sendable {
        package var alreadyRecorded: [String] = []
        package var adopted: [String] = []
        package var created: [String] = []
    }

    let database: LedgerDatabase
    let client: KeapClient

    package init(database: LedgerDatabase, client: KeapClient) {
        self.database = database
        self.client = client
    }

    static func key(_ field: KeapCustomField) -> KeapRefKey {
        KeapRefKey(.customField, owner: field.record.rawValue, field.label)
    }

    package func run() async throws(SyncFailure) -> Report {
        var report = Report()
        var models: [KeapRecordType: [KeapCustomFieldDefinition]] = [:]
        for field in KeapCustomField.all {
            let key = Self.key(field)
            let name = "\(field.record.rawValue) \(field.label)"
            let entry: KeapRefEntry
            do { entry = try database.keapRef(key) } catch { throw .database(error) }
            if case .known = entry {
                report.alreadyRecorded.append(name)
                continue
            }
            do {
                if models[field.record] == nil {
                    models[field.record] = try await client.customFieldModel(field.record)
                }
                let existing = models[field.record, default: []].filter { $0.label == field.label }
                if existing.count > 1 {
                    throw SyncFailure.keapDuplicate("Keap has \(existing.count) \(field.record.rawValue) custom fields labelled \(field.label) (ids \(existing.map(\.id).joined(separator: ", "))); delete all but one in Keap, then run setup again")
                }
                if let found = existing.first {
                    try database.recordKeapID(key, id: found.id, fieldName: found.fieldName, adopted: true)
                    report.adopted.append(name)
                    continue
                }
                try database.recordCreateIntent(key)
                let created = try await client.createCustomField(field.record, label: field.label, fieldType: field.fieldType)
                try database.recordKeapID(key, id: created.id, fieldName: created.fieldName, adopted: false)
                models[field.record, default: []].append(created)
                report.created.append(name)
            } catch let error as SyncFailure {
                throw error
            } catch let error as KeapCallError {
                throw SyncFailure.keap(error)
            } catch let error as LedgerStoreError {
                throw SyncFailure.database(error)
            } catch {
                throw SyncFailure.internalError("setting up \(name): \(error)")
            }
        }
        return report
    }
}
