/// A binary min-heap of what happens next, ordered by business time.
///
/// Ties are broken by kind and slot, which are themselves assigned deterministically, so the
/// output stays deterministic when two things are due at once. Entries are 16 bytes: sifting is
/// memory-bound and the heap holds tens of thousands of open orders and subscriptions.
struct ScheduleHeap: Sendable {
    /// What a due entry sets in motion.
    enum Kind: UInt32, Sendable {
        case order, subscription, newOrder, customerTouch, productTouch
    }

    /// One scheduled entry: business time, then kind and slot packed as `kind << 28 | slot`.
    struct Entry: Sendable {
        var time: Int64
        var payload: UInt32

        /// What the entry sets in motion.
        var kind: Kind { Kind(rawValue: payload >> 28)! }

        /// The simulator's order or subscription storage index.
        var slot: Int { Int(payload & 0x0FFF_FFFF) }

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : payload < other.payload
        }
    }

    private var entries: [Entry] = []

    /// How many entries are scheduled.
    var count: Int { entries.count }

    /// Schedules `kind` (for `slot`) at `time`.
    mutating func push(_ kind: Kind, slot: Int = 0, at time: Int64) {
        precondition(slot < 1 << 28, "more than 2^28 open orders or subscriptions")
        let entry = Entry(time: time, payload: kind.rawValue << 28 | UInt32(slot))
        entries.append(entry)
        // Sifting runs on every event; unchecked access avoids a bounds and uniqueness check per level.
        entries.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard entry.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    /// Removes and returns the earliest entry; the heap must not be empty.
    mutating func popMin() -> Entry {
        let top = entries[0]
        let last = entries.removeLast()
        if entries.isEmpty { return top }
        entries.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= count { break }
                if child + 1 < count && heap[child + 1].precedes(heap[child]) { child += 1 }
                guard heap[child].precedes(last) else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = last
        }
        return top
    }
}
