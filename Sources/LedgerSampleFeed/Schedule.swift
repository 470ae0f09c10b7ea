/// What happens next in business time: a calendar queue of hourly buckets feeding a small heap.
///
/// Most entries are due days ahead (deliveries, renewals), and a single heap of tens of thousands
/// of them made sifting the generator's biggest memory-bound cost. Entries due beyond the current
/// hour are appended to their hour's bucket in O(1); when the hour comes, the bucket moves into a
/// 4-ary heap that only ever holds about an hour of work and stays in cache.
///
/// Ties are broken by kind and slot, which are assigned deterministically, so two things due at
/// the same millisecond always come out in the same order.
struct Schedule: Sendable {
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

        /// Whether this entry is due before `other`.
        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : payload < other.payload
        }
    }

    private static let bucketWidth: Int64 = 3_600_000

    /// Entries due before `horizon`, as a 4-ary min-heap.
    private var near: [Entry] = []
    /// Entries due at or after `horizon`, by hour (time divided by the bucket width, floored).
    private var later: [Int64: [Entry]] = [:]
    /// The end of the hour `near` covers.
    private var horizon: Int64
    /// How many entries are scheduled.
    private(set) var count = 0

    /// An empty schedule whose first hour contains `start`.
    init(start: Int64) {
        horizon = (Self.hour(of: start) + 1) * Self.bucketWidth
    }

    private static func hour(of time: Int64) -> Int64 {
        let quotient = time / bucketWidth
        return time % bucketWidth < 0 ? quotient - 1 : quotient
    }

    /// Schedules `kind` (for `slot`) at `time`.
    mutating func push(_ kind: Kind, slot: Int = 0, at time: Int64) {
        precondition(slot < 1 << 28, "more than 2^28 open orders or subscriptions")
        let entry = Entry(time: time, payload: kind.rawValue << 28 | UInt32(slot))
        count += 1
        if time < horizon {
            pushNear(entry)
        } else {
            later[Self.hour(of: time), default: []].append(entry)
        }
    }

    /// Removes and returns the earliest entry; the schedule must not be empty.
    mutating func popMin() -> Entry {
        precondition(count > 0, "popMin on an empty schedule")
        while near.isEmpty {
            if let bucket = later.removeValue(forKey: Self.hour(of: horizon)) {
                for entry in bucket { pushNear(entry) }
            }
            horizon += Self.bucketWidth
        }
        count -= 1
        return popNear()
    }

    private mutating func pushNear(_ entry: Entry) {
        near.append(entry)
        // Unchecked access: sifting runs on every event, and a bounds and uniqueness check per level adds up.
        near.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 4
                guard entry.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    private mutating func popNear() -> Entry {
        let top = near[0]
        let last = near.removeLast()
        if near.isEmpty { return top }
        near.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var parent = 0
            while true {
                let first = 4 * parent + 1
                if first >= count { break }
                var child = first
                for candidate in (first + 1)..<min(first + 4, count) where heap[candidate].precedes(heap[child]) {
                    child = candidate
                }
                guard heap[child].precedes(last) else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = last
        }
        return top
    }
}
