/// Thrown after the `dropAfterApply` fault closed the connection: Hummingbird then fails to write any answer.
struct SandboxConnectionDropped: Error {}
