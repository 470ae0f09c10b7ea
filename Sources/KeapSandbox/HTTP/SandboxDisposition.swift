/// What the HTTP layer does with a reply once the state actor has produced it (faults that act on the connection
/// happen outside the actor, so a slow answer does not block other requests).
enum SandboxDisposition: Sendable, Equatable {
    case respond
    /// Close the TCP connection without answering (the change was applied).
    case drop
    /// Answer after this delay (the change was applied).
    case delay(Duration)
}
