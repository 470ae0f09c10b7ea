extension CountryTable {
    /// Alpha-3 → alpha-2: Keap's codes back to the feed's (reading a confirmed view, whose addresses carry alpha-3).
    /// Built once from `alpha3ByAlpha2` (the generated table) rather than generated too, so the two cannot disagree;
    /// the codes are unique both ways, which `uniquingKeysWith` would otherwise hide, so a clash traps at first use.
    package static let alpha2ByAlpha3: [String: String] = Dictionary(
        alpha3ByAlpha2.map { ($0.value, $0.key) },
        uniquingKeysWith: { first, second in preconditionFailure("alpha-3 \(first)/\(second) appears twice in CountryTable") })
}
