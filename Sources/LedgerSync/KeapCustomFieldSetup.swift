import KeapClient
import LedgerStore

/// `keap-ledger keap setup` (spec/keap-sync.md rule 7): makes sure every custom field the sync writes exists in
/// Keap, and records its id and `field_name`. Safe to run again: a field already recorded costs nothing, a field Keap
/// already has (same label) is adopted, and a create whose answer was lost is looked up before creating again (rule 2;
/// Keap allows duplicate labels, so creating blindly could make two). Fields already recorded are checked against
/// Keap's models (one read per record type): a database whose ids belong to another Keap account, or to a field since
/// deleted, is refused here rather than discovered order by order in the flush.
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
            do {
                if models[field.record] == nil {
                    models[field.record] = try await client.customFieldModel(field.record)
                }
                if case .known(let id, let fieldName) = entry {
                    try Self.confirm(name, id: id, fieldName: fieldName, label: field.label, in: models[field.record, default: []])
                    report.alreadyRecorded.append(name)
                    continue
                }
                let existing = models[field.record, default: []].filter { $0.label == field.label }
                if existing.count > 1 {
                    throw SyncFailure.keapConflict("Keap has \(existing.count) \(field.record.rawValue) custom fields labelled \(field.label) (ids \(existing.map(\.id).joined(separator: ", "))); delete all but one in Keap, then run setup again")
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

    /// A recorded field must still be in Keap under its id, label and `field_name` (the flush filters and writes by
    /// them). Anything else means the ids in this database describe another Keap: nothing can be trusted, and
    /// guessing would attach this ledger's orders to someone else's records.
    private static func confirm(_ name: String, id: String, fieldName: String?, label: String,
                                in model: [KeapCustomFieldDefinition]) throws(SyncFailure) {
        let advice = "this database's Keap ids were recorded against another Keap account, or the field was deleted in Keap; keep one ledger database per Keap account (`--db`), see README \"Keap setup\""
        guard let found = model.first(where: { $0.id == id }) else {
            throw .keapConflict("custom field \(name) is recorded as Keap id \(id), but Keap has no such field: \(advice)")
        }
        guard found.label == label, fieldName == nil || found.fieldName == fieldName else {
            throw .keapConflict("custom field \(name) is recorded as Keap id \(id) (\(fieldName ?? "no field_name")), but Keap's field \(id) is \(found.label) (\(found.fieldName)): \(advice)")
        }
    }
}
