extension Array where Element == LedgerEvent {
    /// Puts one stream's events, those at `range`, into fold order `(occurred_at, seq)` (`LedgerEvent.precedes`), the
    /// one order every fold applies. The log hands a stream's events over in seq order, which is already fold order
    /// unless an event arrived late, so that is checked first and the sort runs only then.
    ///
    /// Written for `Array` and an index range, not as a generic `MutableCollection` method on a slice: the generic
    /// form ran unspecialized across the module boundary, copying every event through its value witness to compare
    /// two fields, which was 8 % of `rebuild`'s samples (perf, 200k events).
    package mutating func sortIntoFoldOrder(_ range: Range<Int>) {
        guard range.count > 1 else { return }
        var index = range.lowerBound + 1
        while index < range.upperBound {
            if !self[index - 1].precedes(self[index]) {
                self[range].sort { $0.precedes($1) }
                return
            }
            index += 1
        }
    }

    /// `sortIntoFoldOrder(_:)` over the whole array: every event is of one stream.
    package mutating func sortIntoFoldOrder() {
        sortIntoFoldOrder(indices)
    }
}
