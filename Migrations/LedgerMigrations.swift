/// The database schema as ordered migrations, embedded from `Migrations/sql/` so the binary runs from any directory.
public enum LedgerMigrations {
    /// Every migration in order: append a line for each new `sql/NNNN_name.sql` (SwiftPM names the accessor after the
    /// file with one leading zero dropped). A test pins this list.
    package static let all: [(name: String, sql: String)] = [
        ("0001_event_log", String(decoding: PackageResources._001_event_log_sql, as: UTF8.self)),
        ("0002_projections", String(decoding: PackageResources._002_projections_sql, as: UTF8.self)),
        ("0003_outbox", String(decoding: PackageResources._003_outbox_sql, as: UTF8.self)),
        ("0004_keap_sync", String(decoding: PackageResources._004_keap_sync_sql, as: UTF8.self)),
        ("0005_keap_subscriptions", String(decoding: PackageResources._005_keap_subscriptions_sql, as: UTF8.self)),
        ("0006_reconcile_restore", String(decoding: PackageResources._006_reconcile_restore_sql, as: UTF8.self)),
        ("0007_log_format", String(decoding: PackageResources._007_log_format_sql, as: UTF8.self)),
        ("0008_drop_next_attempt_at", String(decoding: PackageResources._008_drop_next_attempt_at_sql, as: UTF8.self)),
        ("0009_event_by_stream_seq", String(decoding: PackageResources._009_event_by_stream_seq_sql, as: UTF8.self)),
        ("0010_outbox_checks_without_in_lists", String(decoding: PackageResources._010_outbox_checks_without_in_lists_sql, as: UTF8.self)),
    ]
}
