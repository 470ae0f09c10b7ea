import LedgerCore

/// A custom field as `GET /v2/{record}/model` lists it (`CustomFieldMetaData`). Values are written by `id`;
/// list filters name the field by `fieldName` (e.g. `_ExternalOrderRef0`).
package struct KeapCustomFieldDefinition: Sendable, Equatable {
    package let id: String
    package let label: String
    package let fieldName: String
    package let fieldType: String

    package init(id: String, label: String, fieldName: String, fieldType: String) {
        self.id = id
        self.label = label
        self.fieldName = fieldName
        self.fieldType = fieldType
    }

    /// `id`, `label` and `field_name` are required: a field we cannot filter by is of no use to the sync.
    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "custom field"
        id = try object.requiredID("id", in: context)
        label = try object.requiredString("label", in: context)
        fieldName = try object.requiredString("field_name", in: context)
        fieldType = try object.optionalString("field_type", in: context) ?? ""
    }
}
