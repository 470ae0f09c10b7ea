/// Where `EventHashes.appendSegments` put an entry's chained fields in the buffer it appended to (positions in that
/// buffer), so the fields need not be stored a second time beside them (`LogEntryBatch` binds them from here).
struct ChainSegmentLayout {
    /// The serialized segments as a whole.
    let segments: Range<Int>
    /// Where recorded_at goes, counted from `segments.lowerBound`.
    let recordedAtOffset: Int
    /// Each field's bytes, without their length prefix.
    let source: Range<Int>
    let id: Range<Int>
    let type: Range<Int>
    let stream: Range<Int>
    let occurredAt: Range<Int>
    let contentHash: Range<Int>
}
