import LedgerCore

/// A custom field value on a record (`CustomFieldValue {id, content}`), with the field's label resolved so that tests
/// and the dump can read values by label.
package struct SandboxCustomFieldValue: Sendable, Equatable {
    package let id: String
    package let label: String
    /// The content as sent (a string, a number as text, a boolean, …).
    package let content: JSONValue

    /// The content as text for filtering and assertions: strings as is, numbers as written, null as nil.
    package var text: String? {
        switch content {
        case .null: nil
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let flag): flag ? "true" : "false"
        default: JSONWriter.string(content)
        }
    }
}
