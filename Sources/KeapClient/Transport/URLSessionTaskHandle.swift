import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Lets Swift task cancellation reach a URLSession task that may not exist yet when the cancellation arrives, and
/// the task's completion handler find its identifier.
final class URLSessionTaskHandle: Sendable {
    private struct State {
        var task: URLSessionTask?
        var cancelled = false
    }

    // URLSessionTask is thread-safe but not Sendable in every Foundation build; only this lock touches it here.
    private nonisolated(unsafe) let state = Mutex(State())

    func attach(_ task: URLSessionTask) {
        let cancelNow = state.withLock { state -> Bool in
            state.task = task
            return state.cancelled
        }
        if cancelNow { task.cancel() }
    }

    /// The attached task's identifier (-1 before `attach`).
    var taskIdentifier: Int {
        state.withLock { $0.task?.taskIdentifier ?? -1 }
    }

    func cancel() {
        let task = state.withLock { state -> URLSessionTask? in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
