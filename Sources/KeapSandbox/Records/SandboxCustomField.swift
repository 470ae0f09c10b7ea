/// One custom field definition (`CustomFieldMetaData`). Labels need not be unique (as in Keap); `fieldName` is.
package struct SandboxCustomField: Sendable, Equatable {
    package let id: String
    package let recordType: SandboxRecordType
    package let label: String
    package let fieldType: String
    /// The name used in list filters, e.g. `_ExternalOrderRef0`.
    package let fieldName: String
    package let options: [String]
    package let groupID: String?

    /// Field types whose filters compare as numbers (`== > < >= <=`); text-like types allow only `==` (+ `*`).
    var isNumeric: Bool {
        ["WHOLE_NUMBER", "DECIMAL_NUMBER", "CURRENCY", "PERCENT", "YEAR", "MONTH", "DAY_OF_WEEK", "USER"].contains(fieldType)
    }

    var isDate: Bool { fieldType == "DATE" || fieldType == "DATE_TIME" }
}
