import Foundation
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// The flush lock tells "another flush holds it" (try again) from "the lock file cannot be opened" (an I/O error).
@Suite("flush lock")
struct FlushLockTests {
    @Test func aLockFileThatCannotBeOpenedIsAnIOErrorNamingThePathAndTheReason() throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-flush-lock-io")
        defer { directory.remove() }
        let db = directory.path("ledger.sqlite")
        // A directory where the lock file belongs: open(O_RDWR) fails with EISDIR, even for root.
        try FileManager.default.createDirectory(atPath: db + ".flush-lock", withIntermediateDirectories: false)
        do {
            _ = try FlushLock(databasePath: db)
            Issue.record("the lock was taken on a directory")
        } catch {
            guard case .database(let storeError) = error else {
                Issue.record("expected an I/O error of the database, got \(error)")
                return
            }
            #expect(storeError.code == .io)
            #expect(storeError.message == "cannot open the flush lock \(db).flush-lock: \(String(cString: strerror(EISDIR)))")
        }
    }

    @Test func aHeldLockIsBusy() throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-flush-lock-busy")
        defer { directory.remove() }
        let db = directory.path("ledger.sqlite")
        let held = try FlushLock(databasePath: db)
        #expect {
            _ = try FlushLock(databasePath: db)
        } throws: { error in
            guard case .busy(let message) = error as? SyncFailure else { return false }
            return message.contains("another `outbox flush` is running on \(db)")
        }
        withExtendedLifetime(held) {}
    }
}
