import Foundation
import LedgerFeed

/// Serves `first`, then waits until `resume()` before serving `rest`: an ingest that is certainly still running (its
/// reader blocked mid-feed, what it read so far committed) while a test does something beside it.
package final class PausingByteSource: ByteSource, @unchecked Sendable {
    private let first: InMemoryByteSource
    private let rest: InMemoryByteSource
    private let gate = DispatchSemaphore(value: 0)
    private var firstDone = false

    package init(first: [UInt8], rest: [UInt8]) {
        self.first = InMemoryByteSource(first)
        self.rest = InMemoryByteSource(rest)
    }

    package func resume() { gate.signal() }

    package func read(into buffer: UnsafeMutableRawBufferPointer, line: Int) throws(FeedReadError) -> Int {
        if !firstDone {
            let count = try first.read(into: buffer, line: line)
            if count > 0 { return count }
            firstDone = true
            gate.wait()
        }
        return try rest.read(into: buffer, line: line)
    }
}
