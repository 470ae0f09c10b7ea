/// Every numeric option of every command with its allowed range, in one table, so that `ingest` and `sync` (and
/// `outbox flush` and `sync`) cannot disagree about a shared option again: each command's `validate()` checks its
/// options against these rules. Seeds (`--seed`, `--fault-seed`) take any `UInt64`: ArgumentParser already refuses
/// what is not one (exit 64), and its refusal prints the option's help, which states `seedRange`.
enum NumericOptions {
    /// Every seed's range, in its help text (the part of a seed's refusal that names what is allowed).
    static let seedRange = "0...\(UInt64.max)"

    /// `ingest`, `sync`: events per skip-mode transaction; 0 never drains the feed.
    static let commitEvery = NumericOption<Int>("--commit-every", atLeast: 1)
    /// `outbox flush`, `sync`: streams attempted; 0 would attempt nothing and look like success.
    static let flushLimit = NumericOption<Int>("--limit", atLeast: 1)
    /// `outbox flush`, `sync`: failed attempts before a stream is parked; 0 would park without trying.
    static let maxAttempts = NumericOption<Int>("--max-attempts", atLeast: 1)
    /// `outbox flush`, `sync`: streams in flight; 0 would send nothing.
    static let concurrency = NumericOption<Int>("--concurrency", atLeast: 1)
    /// Every command that opens the ledger. SQLite takes the timeout in `Int32` milliseconds (GRDB traps beyond
    /// about 24 days); a day is far more than any writer holds the lock, and negative or NaN means nothing.
    static let busyTimeout = NumericOption<Double>("--busy-timeout", in: 0...86_400)
    /// `orders`: 0 is allowed (an empty answer, as SQL's LIMIT 0).
    static let ordersLimit = NumericOption<Int>("--limit", atLeast: 0)
    /// `export`: sequence numbers start at 1, so 0 means "from the start".
    static let afterSeq = NumericOption<Int64>("--after-seq", atLeast: 0)
    /// `order`, `history`: 0 is the empty ledger.
    static let atSeq = NumericOption<Int64>("--at-seq", atLeast: 0)
    /// `sample-feed`: lines to write.
    static let events = NumericOption<Int>("--events", atLeast: 0)
    /// `sample-feed`: shares of events, each a probability.
    static let lateRate = NumericOption<Double>("--late-rate", in: 0...1)
    static let duplicateRate = NumericOption<Double>("--duplicate-rate", in: 0...1)
    static let incompleteRate = NumericOption<Double>("--incomplete-rate", in: 0...1)
    /// `reconcile`: random orders to check besides the changed ones; 0 checks only the changed ones.
    static let sample = NumericOption<Int>("--sample", atLeast: 0)
    /// `sandbox`: 0 asks the system for any free port.
    static let port = NumericOption<Int>("--port", in: 0...65_535)
    /// `sandbox`: seconds an issued access token lives.
    static let accessTokenLifetime = NumericOption<Int>("--access-token-lifetime", atLeast: 1)
    /// `sandbox`: the probability of an injected fault.
    static let faultRate = NumericOption<Double>("--fault-rate", in: 0...1)
}
