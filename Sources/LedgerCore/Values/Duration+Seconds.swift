extension Duration {
    /// The duration as fractional seconds, for summaries, timeouts and measurements: the one conversion (nanosecond
    /// precision is kept for any duration under about 100 days).
    package var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
