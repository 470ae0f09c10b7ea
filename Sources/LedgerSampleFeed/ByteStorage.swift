/// The raw, growable memory behind `JSONLineWriter`.
///
/// `@unchecked Sendable` is safe because the only owner, `JSONLineWriter`, checks at every
/// `reset()` that it holds the sole reference and allocates its own storage otherwise, and
/// writes only between a `reset()` and the end of the same mutating call, so two copies of a
/// writer never write to, or read from while another writes, the same memory.
final class ByteStorage: @unchecked Sendable {
    /// The first byte.
    let pointer: UnsafeMutablePointer<UInt8>
    /// How many bytes fit.
    let capacity: Int

    /// Uninitialised storage for `capacity` bytes (`UInt8` is trivial, so it needs no initialisation).
    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit {
        pointer.deallocate()
    }
}
