/// Receives what an ingest run reports while it runs; called on the thread that called `IngestService.run`.
package protocol IngestObserver: AnyObject {
    /// A line was rejected (in input order).
    func rejected(_ rejection: IngestRejection)
    /// Called about every two seconds on long runs.
    func progress(_ summary: IngestSummary)
}
