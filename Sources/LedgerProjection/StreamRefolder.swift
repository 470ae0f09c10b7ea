import CMemory
import Foundation
import GRDB
import GRDBSQLite
import LedgerCore
import LedgerStore
import LedgerThreads

/// Folds whole streams from the log and writes their projection rows, inside the caller's write transaction.
///
/// Each stream is read through the `event_by_stream (stream, seq)` index, so its events arrive together, and the fold
/// worker puts them in fold order `(occurred_at, seq)`: a late event needs no special case (the stream is folded from
/// its first event again), the result cannot depend on arrival order, and memory holds a few chunks of streams, never
/// the whole log.
///
/// Each written state also records its desired Keap state in the outbox (same transaction).
///
/// Chunks of whole streams are decoded, folded and encoded as projection rows and outbox states on worker threads
/// (`OrderedWorkers`, as many as `WorkerCount.besideOneConsumer`), so the cores work together and the writing
/// thread, which bounds the whole, only binds bytes out. Who reads the log depends on whether another connection can
/// see it (see `LogReading`). Measured on 200k events: a cache of stream states folded in seq order (the first
/// design) spent more time evicting and re-reading streams than this spends reading every affected stream again.
struct StreamRefolder {
    /// Where the rows to fold come from.
    enum LogReading {
        /// Through the writing connection, on the writing thread: the only choice for an in-memory ledger (one
        /// connection), and what a catch-up of some streams uses (one query per stream). A projecting ingest
        /// commits its events first and then projects, so its reading can run concurrently too.
        case onTheWriter
        /// Through a reader of `pool`, on a thread of its own, while the writing thread writes: for a transaction
        /// that appends nothing (`rebuild`, `project`, an ingest's projection after its log commit), in which a reader that starts after the writer's BEGIN
        /// IMMEDIATE sees exactly the log the writer sees (WAL; no other writer can commit meanwhile). Reading
        /// the log in stream order, a random walk through its pages, was a third of the writing thread's samples.
        case concurrently(DatabasePool)

        /// The concurrent reading when `writer` is a pool (a file), else the writer's own.
        static func concurrentIfPossible(_ writer: any DatabaseWriter) -> LogReading {
            if let pool = writer as? DatabasePool { .concurrently(pool) } else { .onTheWriter }
        }
    }

    private let db: Database
    private let writer: ProjectionWriter
    private let outbox: OutboxWriter
    private let progress: ((Int64) -> Void)?
    private var statistics = ProjectionStatistics()
    private var chunk = StoredRowChunk()
    private let folders: OrderedWorkers<StoredRowChunk, Result<FoldedChunk, LedgerStoreError>>
    /// Chunks handed to the folders by this thread and not yet written (reading on the writer only).
    private var inFlight = 0

    /// Rows per chunk handed to a worker (a chunk ends at a stream boundary).
    private static let chunkRows = 1024
    /// Chunks in flight at once when the writing thread also reads (it sends and takes, so at most this many in all).
    private static let depth = 3

    private init(db: Database, projectedThrough: Int64, now: Timestamp, reading: LogReading, progress: ((Int64) -> Void)?) throws {
        self.db = db
        writer = ProjectionWriter(db: db)
        outbox = try OutboxWriter(db: db, now: now)
        self.progress = progress
        // When this thread both sends and takes, at most `depth` chunks are in flight in all, so it never blocks on
        // a full queue. With a reader of its own, every queue holds one chunk: the reader runs ahead only as far as
        // the queues let it, and at 1M events a queue of three each way held 12 MB more at the peak.
        let capacity = switch reading {
        case .onTheWriter: StreamRefolder.depth
        case .concurrently: 1
        }
        folders = OrderedWorkers(name: "keap-ledger-fold", count: WorkerCount.besideOneConsumer, capacity: capacity) { chunk in
            chunk.foldStreams(projectedThrough: projectedThrough)
        }
    }

    /// Folds the streams that have events after the checkpoint and moves the checkpoint to the log head.
    /// Nothing to do (the common case for `project` after a projecting ingest) costs two small reads. `reading` applies
    /// when nothing was projected yet (a rebuild); a catch-up of some streams reads them on the writer, one query each.
    static func catchUp(_ db: Database, now: Timestamp, reading: LogReading, progress: ((Int64) -> Void)? = nil) throws -> ProjectionStatistics {
        let checkpoint = try ProjectionWriter.checkpoint(db)
        let head = try logHead(db)
        guard head > checkpoint else { return ProjectionStatistics() }
        // Nothing projected yet (a first ingest, or after --no-project): every stream is new, which is a rebuild, and
        // the rebuild path is faster for it (one index scan, indexes created once). 1M events: 18.6 s → 12 s.
        if checkpoint == 0 { return try rebuild(db, now: now, reading: reading, progress: progress) }
        var refolder = try StreamRefolder(db: db, projectedThrough: checkpoint, now: now, reading: .onTheWriter, progress: progress)
        defer { refolder.waitForWorkers() }
        let streams = try String.fetchAll(db, sql: "SELECT DISTINCT stream FROM event WHERE seq > ? ORDER BY stream", arguments: [checkpoint])
        let read = try db.cachedStatement(sql: StreamRefolder.streamRowsSQL + " WHERE stream = ? ORDER BY stream, seq")
        for stream in streams {
            read.setUncheckedArguments([stream])
            try refolder.add(read)
        }
        try refolder.finish()
        try refolder.writer.setCheckpoint(head)
        return refolder.statistics
    }

    /// Empties the projections and folds every stream of the log (`rebuild`). Secondary indexes are dropped while the
    /// tables fill and created again at the end from their own SQL in sqlite_master (so the schema stays exactly as
    /// migrated): one sort per index instead of a b-tree insert per row (measured 3.15 s → 2.67 s on 200k events).
    /// The outbox's index too when the outbox is empty; otherwise most of its rows stay as they are.
    static func rebuild(_ db: Database, now: Timestamp, reading: LogReading, progress: ((Int64) -> Void)? = nil) throws -> ProjectionStatistics {
        var refolder = try StreamRefolder(db: db, projectedThrough: 0, now: now, reading: reading, progress: progress)
        defer { refolder.waitForWorkers() }
        // With a reader, the writing connection's cache gives up what the reader's takes, for the whole rebuild (it
        // fills as the old rows are deleted), so peak memory stays where it was with one connection. The pages it
        // frees are returned to the system at once: after an ingest its cache is full of the log's pages, and glibc
        // keeps what one thread frees in that thread's arena, out of the reader's reach (a projecting ingest of 200k
        // events: peak RSS 135 → 127 MB).
        let writerCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        if case .concurrently = reading {
            try db.execute(sql: "PRAGMA cache_size = \(min(-2000, writerCacheSize - StreamRefolder.readerCacheSize))")
            try StreamRefolder.releaseFreedPages(db)
        }
        defer { try? db.execute(sql: "PRAGMA cache_size = \(writerCacheSize)") }

        try refolder.writer.clearAll()
        // An empty outbox (a first projection) gets a row per stream: its index is built once at the end too.
        let tables = (ProjectionWriter.tables + (refolder.outbox.startsEmpty ? ["outbox_stream"] : [])).map { "'\($0)'" }.joined(separator: ", ")
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables)) ORDER BY name
            """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
        let head = try logHead(db)
        let everyStream = StreamRefolder.streamRowsSQL + " ORDER BY stream, seq"
        switch reading {
        case .onTheWriter:
            try refolder.add(try db.makeStatement(sql: everyStream))
            try refolder.finish()
        case .concurrently(let pool):
            try refolder.writeWhileReading(everyStream, through: head, from: pool)
        }
        for index in indexes { try db.execute(sql: index.sql) }
        try refolder.writer.setCheckpoint(head)
        return refolder.statistics
    }

    /// The rows a fold reads, each stream's together (`seq, stream, recorded_at, line`); the caller adds the
    /// WHERE and the ORDER BY.
    private static let streamRowsSQL = "SELECT seq, stream, recorded_at, line FROM event INDEXED BY event_by_stream"

    /// Frees the pages `db`'s cache no longer holds and returns them to the system: glibc keeps what one thread frees
    /// in that thread's arena, where the other connection's thread cannot reuse it.
    private static func releaseFreedPages(_ db: Database) throws {
        try db.execute(sql: "PRAGMA shrink_memory")
        keap_release_free_heap()
    }

    private static func logHead(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last_seq FROM log_head WHERE singleton = 1") ?? 0
    }

    /// Takes the rows of `statement` into chunks, each handed to the folders once full (reading on the writer).
    private mutating func add(_ statement: Statement) throws {
        var chunk = self.chunk
        self.chunk = StoredRowChunk()
        try StreamRefolder.collect(statement, into: &chunk) { full in try submit(full) }
        self.chunk = chunk
    }

    /// Steps `statement` (rows as `streamRowsSQL` gives them, each stream's rows together), appending to `chunk` and
    /// handing the chunk to `handOff` (and starting a new one) whenever it holds `chunkRows` rows or more and the next
    /// row begins another stream, so a chunk is always whole streams. What is left at the end stays in `chunk`.
    /// Steps SQLite directly and copies only bytes: GRDB rows cost two strings a row, where the worker makes one per
    /// stream.
    private static func collect(
        _ statement: Statement, into chunk: inout StoredRowChunk, handOff: (StoredRowChunk) throws -> Void
    ) throws {
        let sqlite = statement.sqliteStatement
        defer { sqlite3_reset(sqlite) }
        while true {
            let code = sqlite3_step(sqlite)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqlite))), sql: statement.sql)
            }
            let seq = sqlite3_column_int64(sqlite, 0)
            let name = UnsafeRawBufferPointer(start: sqlite3_column_text(sqlite, 1), count: Int(sqlite3_column_bytes(sqlite, 1)))
            if !chunk.endsWithStream(named: name) {
                if chunk.count >= StreamRefolder.chunkRows {
                    let full = chunk
                    chunk = StoredRowChunk(reservingLike: full)
                    try handOff(full)
                }
                chunk.beginStream(named: name)
            }
            let recordedAt = UnsafeRawBufferPointer(start: sqlite3_column_text(sqlite, 2), count: Int(sqlite3_column_bytes(sqlite, 2)))
            let line = UnsafeRawBufferPointer(start: sqlite3_column_blob(sqlite, 3), count: Int(sqlite3_column_bytes(sqlite, 3)))
            chunk.append(seq: seq, recordedAt: recordedAt, line: line)
        }
    }

    private mutating func submit(_ submitted: StoredRowChunk) throws {
        folders.send(submitted)
        inFlight += 1
        if inFlight >= StreamRefolder.depth { try writeOldest() }
    }

    private mutating func finish() throws {
        if chunk.count > 0 {
            let last = chunk
            chunk = StoredRowChunk()
            try submit(last)
        }
        while inFlight > 0 { try writeOldest() }
    }

    private mutating func writeOldest() throws {
        inFlight -= 1
        guard try writeNext() else {
            throw LedgerStoreError(.internalInvariant, "a fold worker stopped before returning its chunk")
        }
    }

    /// Writes the next folded chunk; false when the folders have no more (their input finished, or stopped).
    private mutating func writeNext() throws -> Bool {
        guard let result = folders.next() else { return false }
        let folded = try result.get()
        try writer.write(folded.rows)
        for desired in folded.desired {
            try outbox.record(desired)
        }
        statistics.streamsWritten += folded.desired.count
        let before = statistics.events
        statistics.events += folded.events
        if statistics.events / 100_000 != before / 100_000 { progress?(Int64(statistics.events)) }
        return true
    }

    /// Reads `sql` on a reader of `pool`, on a thread of its own that hands chunks to the folders, while this thread
    /// writes what they fold. The reader checks that it sees the log through `head`, the writer's log head, and no
    /// further. A reading error travels in a chunk (`readFailure`), in order, and stops the writing there. The
    /// reader's page cache is kept small: it reads each page of the log once or a few times, while the writing
    /// connection's cache holds the projection tables, so peak memory stays where it was with one connection.
    private mutating func writeWhileReading(_ sql: String, through head: Int64, from pool: DatabasePool) throws {
        let folders = folders
        let reader = DedicatedThread(name: "keap-ledger-read") {
            var chunk = StoredRowChunk()
            do {
                try pool.read { db in
                    let seen = try StreamRefolder.logHead(db)
                    guard seen == head else {
                        throw LedgerStoreError(.internalInvariant, "the log's reader sees head \(seen), the writer \(head)")
                    }
                    let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                    try db.execute(sql: "PRAGMA cache_size = \(StreamRefolder.readerCacheSize)")
                    defer {
                        // The connection goes back to the pool: its pages are freed now, not while the writer builds
                        // the indexes with its whole cache (that was the peak).
                        try? StreamRefolder.releaseFreedPages(db)
                        try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
                    }
                    try StreamRefolder.collect(try db.makeStatement(sql: sql), into: &chunk) { full in
                        guard folders.send(full) else { throw CancellationError() }
                    }
                }
            } catch is CancellationError {
                return  // the writing thread stopped the folders: it has its own error
            } catch let error as LedgerStoreError {
                chunk = StoredRowChunk(readFailure: error)
            } catch {
                chunk = StoredRowChunk(readFailure: LedgerStoreError.wrapping(error, doing: "reading the log for the projections"))
            }
            if chunk.count > 0 || chunk.readFailure != nil { folders.send(chunk) }
            folders.finishInput()
        }
        defer {
            // After an error of this thread, the reader stops at its next hand-over: it never outlives the transaction.
            folders.stop()
            reader.join()
        }
        while try writeNext() {}
    }

    /// The reading connection's page cache while it reads for a rebuild, in KiB (SQLite's negative form); the writing
    /// connection's shrinks by as much meanwhile. Measured on 200k events: 4 MiB, 16 MiB and 64 MiB took 1.19, 1.12
    /// and 1.06 s (peak RSS 95, 108 and 159 MB before the writer's cache gave its share). Session 10 tried the
    /// reverse, 48 MiB for the reader and 16 MiB for the writer: the reader's `pread`s fell from 53,828 to about
    /// 15,000 in a projecting ingest of 200k events, but neither it nor `rebuild` got measurably faster, and `rebuild`
    /// peaked 14 MB higher (its writer starts with an empty cache, so there is nothing to give).
    private static let readerCacheSize = -16384

    /// At the end, and after an error: no worker may outlive the transaction it reads for.
    private mutating func waitForWorkers() {
        folders.stop()
        inFlight = 0
    }
}
