import Dispatch
import LedgerCore

/// Decodes chunks of stored rows on other threads, handing results back in submission order.
///
/// Decoding a stored line (parse and type its JSON) is the largest single cost of a rebuild; the writer thread
/// meanwhile reads rows and folds, so with a few chunks in flight both cores stay busy.
final class DecodingPipeline {
    /// One submitted chunk: its rows' streams, and the decoded events once the worker is done.
    private final class Pending: @unchecked Sendable {
        // Safe: `result` is written once by the worker before `done` is signalled and read only after waiting on it.
        let streams: [String]
        let done = DispatchSemaphore(value: 0)
        var result: Result<[LedgerEvent], LedgerStoreError> = .success([])

        init(streams: [String]) {
            self.streams = streams
        }
    }

    private var inFlight: [Pending] = []
    private let depth: Int

    /// - Parameter depth: chunks decoding at once; more than the cores keeps them busy while the writer folds.
    init(depth: Int = 3) {
        self.depth = max(depth, 1)
    }

    /// Starts decoding `chunk`. When `depth` chunks are in flight, first waits for the oldest and returns it.
    func submit(_ chunk: StoredRowChunk) throws(LedgerStoreError) -> [(LedgerEvent, String)]? {
        let pending = Pending(streams: chunk.streams)
        DispatchQueue.global().async {
            pending.result = chunk.decode()
            pending.done.signal()
        }
        inFlight.append(pending)
        return inFlight.count >= depth ? try next() : nil
    }

    /// The oldest chunk's events with their streams, waiting for it; nil when nothing is in flight.
    func next() throws(LedgerStoreError) -> [(LedgerEvent, String)]? {
        guard !inFlight.isEmpty else { return nil }
        let oldest = inFlight.removeFirst()
        oldest.done.wait()
        let events = try oldest.result.get()
        return Array(zip(events, oldest.streams))
    }

    /// Waits for whatever is still in flight (after an error, so no worker outlives the caller's buffers).
    func drain() {
        for pending in inFlight { pending.done.wait() }
        inFlight.removeAll()
    }
}
