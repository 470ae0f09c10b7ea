extension Duration {
    /// The duration as fractional seconds, for summaries.
    package var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
