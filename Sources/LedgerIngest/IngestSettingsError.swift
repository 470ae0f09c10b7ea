/// An `IngestService` asked for with a size that cannot work: `commitEvery: 0` never drained a skip-mode feed (it
/// committed empty transactions, each an fsync, forever) and `batchSize: 0` hands over nothing. The CLI refuses such
/// values first (exit 64); this guards every other caller.
package struct IngestSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
