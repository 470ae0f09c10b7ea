import Foundation

/// How many threads a CPU pipeline runs, from the cores this process may use (not fixed for one machine).
package enum WorkerCount {
    /// Workers beside a single consuming thread (ingest's log writer, the projection's row writer). At least two,
    /// so the consumer's own work overlaps the workers' even on one core's worth of scheduling; at most four, because
    /// both pipelines are bound by their single consumer once two workers feed it (measured on 2 cores: the parse
    /// workers idle half their time, the fold worker 40 %), and each worker holds its own bounded queue of chunks
    /// (memory grows with the count, speed would not).
    package static var besideOneConsumer: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount, 2), 4)
    }
}
