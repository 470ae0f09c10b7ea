/// Moves a non-`Sendable` value to another thread.
///
/// `@unchecked Sendable`: used only to hand the opened inputs to the parsing thread; the creating thread never touches
/// them again, so there is no shared access.
final class SendableBox<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
