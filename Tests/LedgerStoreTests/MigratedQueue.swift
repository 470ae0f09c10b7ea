import GRDB
import LedgerMigrations

/// Runs the first `count` migrations (all of them when nil) on `queue`, as a ledger of that age had them: for tests
/// of what a later migration does to an older ledger's rows.
func migrate(_ queue: DatabaseQueue, through count: Int? = nil) throws {
    var migrator = DatabaseMigrator()
    for migration in LedgerMigrations.all.prefix(count ?? LedgerMigrations.all.count) {
        migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
    }
    try migrator.migrate(queue)
}
