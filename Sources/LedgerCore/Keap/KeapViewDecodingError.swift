/// Why stored view bytes (`confirmed_json`) do not read as a Keap view: the member, as a path from the view's root
/// (`items[2].price_per_unit`), what it should have been and what was there. The flush does not guess around it: a
/// confirmed view that does not read counts as never confirmed (see `StreamSnapshot`), and this says why.
package struct KeapViewDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The member's path; `(view)` for the bytes as a whole.
    package let member: String
    package let expected: String
    package let found: String

    package init(member: String, expected: String, found: String) {
        self.member = member
        self.expected = expected
        self.found = found
    }

    package var description: String { "\(member): expected \(expected), found \(found)" }
}
