extension MutableCollection where Self: RandomAccessCollection, Element == LedgerEvent {
    /// Puts one stream's events into fold order `(occurred_at, seq)` (`LedgerEvent.precedes`), the one order every
    /// fold applies. The log hands a stream's events over in seq order, which is already fold order unless an event
    /// arrived late, so that is checked first and the sort runs only then.
    package mutating func sortIntoFoldOrder() {
        if zip(self, dropFirst()).allSatisfy({ $0.precedes($1) }) { return }
        sort { $0.precedes($1) }
    }
}
