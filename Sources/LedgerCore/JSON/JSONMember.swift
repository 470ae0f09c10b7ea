/// One `"key": value` pair of an object. A struct, not a tuple: arrays of tuples are copied through the runtime's
/// generic tuple witnesses, which showed up as a tenth of parsing time.
package struct JSONMember: Sendable, Equatable {
    package var key: String
    package var value: JSONValue

    package init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
