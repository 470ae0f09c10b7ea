import Testing

/// A test trait for awaited teardowns: a test registers one with `await AwaitedTeardown.add { … }`, and the trait
/// awaits every registered teardown, newest first, when the test (each case of a parameterized one) ends, passed or
/// failed. It replaces `defer { Task { await server.stop() } }`, which returned before the server had stopped, so the
/// next test could start beside a server still shutting down.
package struct AwaitedTeardown: SuiteTrait, TestTrait, TestScoping {
    /// The teardowns of the running test.
    private actor Registry {
        var teardowns: [@Sendable () async -> Void] = []

        func add(_ teardown: @escaping @Sendable () async -> Void) {
            teardowns.append(teardown)
        }

        func runAll() async {
            while let teardown = teardowns.popLast() { await teardown() }
        }
    }

    @TaskLocal private static var current: Registry?

    /// On a suite: applies to each of its tests.
    package var isRecursive: Bool { true }

    /// Registers `teardown` with the running test. Outside a test that has the trait it is an issue (the teardown runs
    /// at once), so a forgotten trait fails loudly instead of leaking a server.
    package static func add(_ teardown: @escaping @Sendable () async -> Void) async {
        guard let registry = current else {
            Issue.record("AwaitedTeardown.add needs the .awaitedTeardown trait on the test or its suite")
            await teardown()
            return
        }
        await registry.add(teardown)
    }

    package func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let registry = Registry()
        do {
            try await Self.$current.withValue(registry) { try await function() }
        } catch {
            await registry.runAll()
            throw error
        }
        await registry.runAll()
    }
}

extension Trait where Self == AwaitedTeardown {
    /// See `AwaitedTeardown`.
    package static var awaitedTeardown: Self { AwaitedTeardown() }
}
