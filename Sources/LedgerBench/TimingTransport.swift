import KeapClient
import Synchronization

/// Wraps the real transport (AsyncHTTPClient, or URLSession for comparison) and measures it: when each request was
/// sent, how long it took, and how much of the wall time had a request in flight. A decorator, not a stub: every request still goes
/// over HTTP to the server, so what the flush benchmark reports is the production path. The bookkeeping is a
/// mutex-guarded append, well under a microsecond against the ~1 ms of a loopback call.
final class TimingTransport: HTTPTransport {
    private let wrapped: any HTTPTransport
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    private let state = Mutex(TransportMeasurements())

    init(wrapping wrapped: any HTTPTransport) {
        self.wrapped = wrapped
        origin = clock.now
    }

    /// Now, on the same time axis as `TransportMeasurements.sends`.
    var elapsed: Duration { origin.duration(to: clock.now) }

    var measurements: TransportMeasurements {
        state.withLock { $0 }
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let start = elapsed
        state.withLock { log in
            log.sends.append(start)
            if log.inFlight == 0 { log.busySince = start }
            log.inFlight += 1
        }
        let result: Result<HTTPResponse, TransportError>
        do {
            result = .success(try await wrapped.send(request))
        } catch {
            result = .failure(error)
        }
        let end = elapsed
        state.withLock { log in
            log.callDurations.append(end - start)
            log.callTime += end - start
            log.inFlight -= 1
            if log.inFlight == 0 { log.busyTime += end - log.busySince }
            switch result {
            case .success(let response): log.statuses[response.status, default: 0] += 1
            case .failure:
                log.transportErrors += 1
                log.transportErrorDurations.append(end - start)
            }
        }
        return try result.get()
    }

    func shutdown() async {
        await wrapped.shutdown()
    }
}
