import Foundation
import GRDB
import LedgerCore

/// Folds log events into the projection tables, inside the caller's write transaction.
///
/// It keeps recently touched stream states in memory (bounded: `capacity` streams, least recently used written out
/// and dropped first) so that an event is usually applied on top of its stream's state without reading anything.
/// An event that sorts before what its stream already folded (a late arrival) makes the stream fold again from the
/// log, so the result never depends on arrival order. Rows and the checkpoint are written by `commit`, in the same
/// transaction as the events they cover.
///
/// Not `Sendable`: one writer thread owns it.
package final class Projector {
    private struct Entry {
        var state: StreamState
        /// Changed since last written.
        var dirty: Bool
        /// The projection tables may hold rows for it (delete before writing).
        var persisted: Bool
        var lastUse: UInt64
    }

    private var cache: [String: Entry] = [:]
    private let capacity: Int
    private var clock: UInt64 = 0
    /// Every event with seq ≤ this is folded into the cache or the tables.
    package private(set) var foldedThrough: Int64 = 0
    /// False until `begin` has read the checkpoint, and after `discard`.
    private var synchronized = false
    /// The checkpoint `begin` found: 0 means every event of every stream passes through this projector (a rebuild
    /// or a first ingest), so a stream it has not seen has no earlier events and needs no read of the log.
    private var startCheckpoint: Int64 = 0
    /// Streams written out and dropped from the cache since `begin` (only tracked when starting from 0).
    private var evicted: Set<String> = []
    package private(set) var statistics = ProjectionStatistics()

    /// Streams kept in memory: ~0.85 KB each measured, so ~45 MB; evicting fewer re-reads fewer streams from the log
    /// (200k events: 20,000 → 9,925 re-reads and 4.5 s, 60,000 → 3,727 (late events only) and 3.5 s).
    package static let defaultCapacity = 50_000

    package init(capacity: Int = defaultCapacity) {
        self.capacity = max(capacity, 1)
    }

    /// Brings the projector in step with the database at the start of a write transaction: if another process moved
    /// the checkpoint, the cache is dropped; events the log holds beyond the checkpoint (an `ingest --no-project`,
    /// a crash between commits) are folded first.
    package func begin(_ db: Database) throws {
        let checkpoint = try ProjectionWriter.checkpoint(db)
        if !synchronized || checkpoint != foldedThrough {
            cache.removeAll(keepingCapacity: true)
            evicted.removeAll()
            foldedThrough = checkpoint
            startCheckpoint = checkpoint
            synchronized = true
        }
        try catchUp(db)
    }

    /// Folds every logged event after `foldedThrough`, in seq order. Rows are decoded on other threads in chunks
    /// while this one reads and folds.
    package func catchUp(_ db: Database, progress: ((Int64) -> Void)? = nil) throws {
        let pipeline = DecodingPipeline()
        defer { pipeline.drain() }
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, stream, recorded_at, line FROM event WHERE seq > ? ORDER BY seq", arguments: [foldedThrough])
        var chunk = StoredRowChunk()
        var nextProgress = (foldedThrough / 100_000 + 1) * 100_000
        func fold(_ decoded: [(LedgerEvent, String)]?) throws {
            guard let decoded else { return }
            for (event, stream) in decoded { try apply(event, stream: stream, db: db) }
            if foldedThrough >= nextProgress {
                progress?(foldedThrough)
                nextProgress = (foldedThrough / 100_000 + 1) * 100_000
            }
        }
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let stream: String = row[1]
            let recordedAt: String = row[2]
            try row.withUnsafeData(atIndex: 3) { data in
                (data ?? Data()).withUnsafeBytes { chunk.append(seq: seq, stream: stream, recordedAt: recordedAt, line: $0) }
            }
            if chunk.count == 1024 {
                try fold(try pipeline.submit(chunk))
                chunk = StoredRowChunk()
            }
        }
        if chunk.count > 0 { try fold(try pipeline.submit(chunk)) }
        while let decoded = try pipeline.next() { try fold(decoded) }
    }

    /// Folds one event that was just stored (its seq must follow `foldedThrough`).
    package func apply(_ event: LedgerEvent, stream: String, db: Database) throws {
        guard synchronized, event.seq > foldedThrough else {
            throw LedgerStoreError(.internalInvariant, "projector got seq \(event.seq) after \(foldedThrough) (synchronized: \(synchronized))")
        }
        clock += 1
        // Changed in place through the dictionary's index: copying an entry out and back copies its whole state.
        var index = cache.index(forKey: stream)
        if index == nil {
            var entry = Entry(state: try Projector.emptyState(stream), dirty: false, persisted: false, lastUse: clock)
            if startCheckpoint != 0 || evicted.contains(stream) {
                let prior = try StreamReader(db: db).events(stream: stream, StreamSelection(throughSeq: event.seq - 1))
                entry.persisted = !prior.isEmpty
                for earlier in prior { entry.state.apply(earlier) }
                if !prior.isEmpty { statistics.refolds += 1 }
            }
            cache[stream] = entry
            index = cache.index(forKey: stream)
        }
        guard let index else { throw LedgerStoreError(.internalInvariant, "stream \(stream) vanished from the projector cache") }
        if cache.values[index].state.progress.canAppend(event) {
            cache.values[index].state.apply(event)
        } else {
            // Late: fold the stream again in business-time order, this event included.
            statistics.refolds += 1
            let all = try StreamReader(db: db).events(stream: stream, StreamSelection(throughSeq: event.seq))
            var state = try Projector.emptyState(stream)
            for each in all { state.apply(each) }
            cache.values[index].state = state
        }
        cache.values[index].dirty = true
        cache.values[index].lastUse = clock
        foldedThrough = event.seq
        statistics.events += 1
        if cache.count > capacity { try evict(db) }
    }

    /// Writes every changed stream and the checkpoint. Call inside the transaction, before it commits.
    package func commit(_ db: Database) throws {
        let writer = ProjectionWriter(db: db)
        // Sorted, so the write order (and with it SQLite's page layout) does not depend on hashing.
        for stream in cache.keys.sorted() {
            guard var entry = cache[stream], entry.dirty else { continue }
            try writer.write(entry.state, replacing: entry.persisted)
            statistics.streamsWritten += 1
            entry.dirty = false
            entry.persisted = true
            cache[stream] = entry
        }
        try writer.setCheckpoint(foldedThrough)
    }

    /// Forgets everything cached: the transaction it was working in rolled back.
    package func discard() {
        cache.removeAll()
        synchronized = false
    }

    /// Writes out and drops the least recently used quarter of the cache.
    private func evict(_ db: Database) throws {
        let writer = ProjectionWriter(db: db)
        // Sort (use, name) pairs, not the entries: states are large and copying them was a tenth of rebuild time.
        var uses: [(lastUse: UInt64, stream: String)] = []
        uses.reserveCapacity(cache.count)
        for (stream, entry) in cache { uses.append((entry.lastUse, stream)) }
        uses.sort { $0.lastUse < $1.lastUse }
        for (_, stream) in uses.prefix(max(capacity / 4, 1)) {
            guard let entry = cache.removeValue(forKey: stream) else { continue }
            if entry.dirty {
                try writer.write(entry.state, replacing: entry.persisted)
                statistics.streamsWritten += 1
            }
            if startCheckpoint == 0 { evicted.insert(stream) }
        }
    }

    private static func emptyState(_ stream: String) throws -> StreamState {
        guard let state = StreamState(stream: stream) else {
            throw LedgerStoreError(.internalInvariant, "the log holds an event of stream \"\(stream)\", which names no stream kind")
        }
        return state
    }
}
