import Hummingbird
import NIOCore

/// A request context that keeps the connection's channel: the `dropAfterApply` fault closes it so that the client sees
/// the connection end with no response (`BasicRequestContext` throws the channel away).
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Keap bodies are small; 16 MiB leaves room for large orders without letting a test hog memory.
    var maxUploadSize: Int { 16 * 1024 * 1024 }
}
