import KeapClient
import LedgerStore

/// `keap-ledger keap setup` (spec/keap-sync.md rule 7): makes sure every custom field the sync writes exists in
/// Keap, and records its id and `field_name`. Safe to run again: a field already recorded costs nothing, a field Keap
/// already has (same label) is adopted, and a create whose answer was lost is looked up before creating again (rule 2;
/// Keap allows duplicate labels, so creating blindly could make two), within the same run: a dropped answer, a 5xx or
/// a throttled minute is lived through (a few tries per step), not handed to the operator. Fields already recorded are checked against
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
    /// Tries per Keap step within one run (a model read, a field's create) for failures that may pass, on top of
    /// the client's own retries: one dropped answer or throttled minute must not end the run.
    let attempts: Int
    /// The wait before such a step is tried again (the client has already backed off within its tries).
    let retryPause: Duration

    package init(database: LedgerDatabase, client: KeapClient, attempts: Int = 5, retryPause: Duration = .seconds(2)) {
        self.database = database
        self.client = client
        self.attempts = max(1, attempts)
        self.retryPause = retryPause
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
            let entry = try store { () throws(LedgerStoreError) in try database.keapRef(key) }
            if models[field.record] == nil {
                models[field.record] = try await model(field.record, for: name)
            }
            if case .known(let id, let fieldName) = entry {
                try Self.confirm(name, id: id, fieldName: fieldName, label: field.label, in: models[field.record, default: []])
                report.alreadyRecorded.append(name)
                continue
            }
            // Not recorded, or an intent whose answer was lost (rule 2): Keap's model is the lookup, by label.
            if let found = try Self.labelled(field, in: models[field.record, default: []]) {
                try store { () throws(LedgerStoreError) in try database.recordKeapID(key, id: found.id, fieldName: found.fieldName, adopted: true) }
                report.adopted.append(name)
                continue
            }
            switch try await create(field, key: key, name: name) {
            case .created(let created):
                models[field.record, default: []].append(created)
                report.created.append(name)
            case .adopted(let model):
                models[field.record] = model
                report.adopted.append(name)
            }
        }
        return report
    }

    /// How a create ended: Keap's answer, or (after an answer was lost) the field found by the lookup that followed.
    private enum CreateOutcome {
        case created(KeapCustomFieldDefinition)
        /// The model as read by the lookup (it holds the adopted field).
        case adopted(model: [KeapCustomFieldDefinition])
    }

    /// Creates `field` under rule 2, within this run: the intent is committed before each POST; after an unknown
    /// outcome the model is read again and a field with the label is adopted instead of creating a second one; a
    /// create that provably did not happen (throttled, refused connection) is tried again after a pause.
    private func create(_ field: KeapCustomField, key: KeapRefKey, name: String) async throws(SyncFailure) -> CreateOutcome {
        var lastFailure: KeapCallError?
        for attempt in 0..<attempts {
            if attempt > 0 { try await pause() }
            if lastFailure?.kind == .unknownOutcome {
                let model = try await model(field.record, for: name)
                if let found = try Self.labelled(field, in: model) {
                    try store { () throws(LedgerStoreError) in try database.recordKeapID(key, id: found.id, fieldName: found.fieldName, adopted: true) }
                    return .adopted(model: model)
                }
            }
            try store { () throws(LedgerStoreError) in try database.recordCreateIntent(key) }
            let created: KeapCustomFieldDefinition
            do {
                created = try await client.createCustomField(field.record, label: field.label, fieldType: field.fieldType)
            } catch {
                switch error.kind {
                case .retryable, .unknownOutcome:
                    lastFailure = error
                    continue
                case .permanent, .authentication:
                    throw .keap(error)
                }
            }
            try store { () throws(LedgerStoreError) in try database.recordKeapID(key, id: created.id, fieldName: created.fieldName, adopted: false) }
            return .created(created)
        }
        throw Self.gaveUp(name, "creating", lastFailure)
    }

    /// Reads `record`'s custom-field model, trying again after failures that may pass.
    private func model(_ record: KeapRecordType, for name: String) async throws(SyncFailure) -> [KeapCustomFieldDefinition] {
        var lastFailure: KeapCallError?
        for attempt in 0..<attempts {
            if attempt > 0 { try await pause() }
            do {
                return try await client.customFieldModel(record)
            } catch {
                switch error.kind {
                case .retryable, .unknownOutcome: lastFailure = error
                case .permanent, .authentication: throw .keap(error)
                }
            }
        }
        throw Self.gaveUp(name, "reading the \(record.rawValue) model for", lastFailure)
    }

    /// Still failing after every try of this run: nothing done is harmful, and the next run goes on from the
    /// recorded intents (exit 75).
    private static func gaveUp(_ name: String, _ doing: String, _ failure: KeapCallError?) -> SyncFailure {
        .interrupted("\(doing) custom field \(name): still failing after the run's tries (\(failure.map { "\($0)" } ?? "no answer")); nothing is lost, run `keap setup` again")
    }

    /// The one field labelled like `field`; several are a conflict a human must settle (Keap allows duplicate labels).
    private static func labelled(_ field: KeapCustomField, in model: [KeapCustomFieldDefinition]) throws(SyncFailure) -> KeapCustomFieldDefinition? {
        let existing = model.filter { $0.label == field.label }
        if existing.count > 1 {
            throw .keapConflict("Keap has \(existing.count) \(field.record.rawValue) custom fields labelled \(field.label) (ids \(existing.map(\.id).joined(separator: ", "))); delete all but one in Keap, then run setup again")
        }
        return existing.first
    }

    private func pause() async throws(SyncFailure) {
        do {
            try await Task.sleep(for: retryPause)
        } catch {
            throw .interrupted("keap setup was cancelled; run it again")
        }
    }

    private func store<T>(_ body: () throws(LedgerStoreError) -> T) throws(SyncFailure) -> T {
        do {
            return try body()
        } catch {
            throw .database(error)
        }
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
