/// Lines waiting to be emitted, followed in the same ring by the most recently emitted ones.
///
/// One ring serves both jobs so a line is copied once in (from the writer) and once out (to the
/// caller): the emitted lines stay in their slots as the window duplicates are drawn from, until new
/// lines overwrite them. Slot buffers are reused, so steady-state appends do not allocate, and the
/// fixed window is what keeps memory flat however long the feed is.
struct LineRing: Sendable {
    private var slots: [[UInt8]]
    /// Absolute index (counting every line ever appended) of the oldest line still held.
    private var first = 0
    /// Absolute index of the next line to emit.
    private var next = 0
    /// Absolute index one past the newest line.
    private var end = 0

    /// A ring keeping up to `capacity` lines; it grows only if that many are waiting at once.
    init(capacity: Int) {
        slots = Array(repeating: [], count: max(2, capacity))
    }

    /// How many lines wait to be emitted.
    var waitingCount: Int { end - next }

    /// How many already emitted lines are still held.
    var emittedCount: Int { next - first }

    /// Adds a copy of `line` at the back of the waiting lines, dropping the oldest emitted line if full.
    mutating func append(_ line: UnsafeBufferPointer<UInt8>) {
        if end - first == slots.count {
            if first < next {
                first += 1
            } else {
                grow()
            }
        }
        let index = end % slots.count
        slots[index].removeAll(keepingCapacity: true)
        slots[index].append(contentsOf: line)
        end += 1
    }

    /// Adds a copy of `line`; see `append(_:)`.
    mutating func append(_ line: [UInt8]) {
        line.withUnsafeBufferPointer { append($0) }
    }

    /// Emits the oldest waiting line, appending its bytes to `out`; false when none waits.
    mutating func emit(appendingTo out: inout [UInt8]) -> Bool {
        guard next < end else { return false }
        out.append(contentsOf: slots[next % slots.count])
        next += 1
        return true
    }

    /// The emitted line at `position`, from the oldest held (0) to the newest (`emittedCount - 1`).
    func emitted(_ position: Int) -> [UInt8] {
        slots[(first + position) % slots.count]
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: [], count: old.count * 2)
        for index in first..<end {
            slots[index % slots.count] = old[index % old.count]
        }
    }
}
