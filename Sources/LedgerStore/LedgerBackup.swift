import Foundation
import GRDB
import LedgerCore

/// `backup` and `restore` (issue #11, seed 001). A backup is a consistent snapshot taken with `VACUUM INTO` (a read
/// transaction: an ingest or a flush in another process goes on meanwhile and is simply not in it), verified before it
/// gets its final name. A restore verifies the backup first, never overwrites a ledger that holds anything unless
/// forced, and marks the restored ledger as possibly older than Keap, so every create looks up first until
/// `keap relink`.
package enum LedgerBackup {
    /// Writes a verified copy of `database` to `path` (which must not exist) and returns the copy's verification.
    package static func take(of database: LedgerDatabase, to path: String) throws(LedgerStoreError) -> VerificationReport {
        let target = URL(fileURLWithPath: path)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerStoreError(.io, "backup: \(path) already exists; name a new file (a backup never overwrites anything)")
        }
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())").path
        defer { removeDatabaseFiles(partial) }
        try snapshot(of: database, to: partial, what: "the backup \(path)")
        let report = try verified(partial, what: "the backup just written to \(path)")
        try durablyRename(partial, to: path)
        return report
    }

    /// A consistent copy of `database` at `path` (which must not exist), not verified: `VACUUM INTO`.
    package static func snapshot(of database: LedgerDatabase, to path: String, what: String) throws(LedgerStoreError) {
        do {
            // On a reader connection, outside any explicit transaction (VACUUM refuses to run inside one): the
            // statement's own read snapshot makes the copy consistent, and a writer of this process or another is
            // never waited for.
            try database.writer.unsafeRead { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [path])
            }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "writing \(what)")
        }
    }

    /// Replaces the ledger at `target` with a copy of `backup` (verified first). A target that holds events or Keap
    /// ids is refused unless `force`. Returns the restored log's verification.
    package static func restore(
        from backup: String, to target: String, force: Bool, clock: any LedgerClock = SystemClock()
    ) throws(LedgerStoreError) -> VerificationReport {
        guard FileManager.default.fileExists(atPath: backup) else {
            throw LedgerStoreError(.notFound, "restore: backup \(backup) does not exist; name the file `keap-ledger backup` wrote")
        }
        if !force, let held = try contents(of: target) {
            throw LedgerStoreError(.ambiguous, "restore: \(target) is not empty (\(held)); refusing to overwrite it. Restore into a new --db path, or pass --force to replace it")
        }
        let targetURL = URL(fileURLWithPath: target)
        let staging = targetURL.deletingLastPathComponent().appendingPathComponent(".\(targetURL.lastPathComponent).restore-\(getpid())").path
        defer { removeDatabaseFiles(staging) }
        do {
            // Copied first and checked there: opening the backup itself would migrate it in place.
            try FileManager.default.copyItem(atPath: backup, toPath: staging)
        } catch {
            throw LedgerStoreError(.io, "restore: cannot copy \(backup) next to \(target): \(error.localizedDescription)")
        }
        let report: VerificationReport
        do {
            let restored = try LedgerDatabase(path: staging)
            let check = try LogVerifier(database: restored).verify()
            guard check.isIntact else {
                throw LedgerStoreError(.damaged, "restore: backup \(backup) is damaged at seq \(check.firstBadSeq ?? 0): \(check.problem ?? "")")
            }
            report = check
            try restored.setSyncState(
                .lookupFirst,
                "restored from \(backup) (head seq \(check.lastSeq)) at \(clock.now().utcText): Keap may hold what this ledger does not know; `keap-ledger keap relink` links it and ends this",
                clock: clock)
            try restored.close()
        }
        removeDatabaseFiles(target)
        try durablyRename(staging, to: target)
        return report
    }

    /// What a ledger file holds, in words, or nil when it is absent or empty (no events, no Keap ids).
    private static func contents(of path: String) throws(LedgerStoreError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let existing = try LedgerDatabase(path: path)
        defer { try? existing.close() }
        let events = try LogStatistics.read(existing).events
        let links = try existing.readingStore("counting Keap ids") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM keap_ref") ?? 0 }
        guard events > 0 || links > 0 else { return nil }
        return "\(events) events, \(links) Keap ids"
    }

    private static func verified(_ path: String, what: String) throws(LedgerStoreError) -> VerificationReport {
        let copy = try LedgerDatabase(path: path)
        let report = try LogVerifier(database: copy).verify()
        try copy.close()
        guard report.isIntact else {
            throw LedgerStoreError(.damaged, "\(what) does not verify at seq \(report.firstBadSeq ?? 0): \(report.problem ?? ""); nothing was kept")
        }
        return report
    }

    /// Renames `source` to `destination` and fsyncs the folder, so the new name survives a power loss.
    private static func durablyRename(_ source: String, to destination: String) throws(LedgerStoreError) {
        // The file alone must hold the database: a write-ahead log left beside it would not move with it.
        let wal = (try? FileManager.default.attributesOfItem(atPath: source + "-wal")[.size] as? Int) ?? 0
        guard wal == 0 else {
            throw LedgerStoreError(.internalInvariant, "\(source) still has \(wal) bytes in its write-ahead log; nothing was renamed")
        }
        guard rename(source, destination) == 0 else {
            throw LedgerStoreError(.io, "cannot rename \(source) to \(destination): \(String(cString: strerror(errno)))")
        }
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    /// Removes a database file with its WAL and shared-memory files (missing ones are fine).
    package static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
