import Foundation
import KeapClient
import KeapSandbox
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// `keap setup` lives through faults within one run (issue #12): each field is created under rule 2 (intent first;
/// after an unknown outcome, looked up by label before creating again), and failures that may pass are tried again.
@Suite("keap setup under faults", .awaitedTeardown)
struct KeapCustomFieldSetupTests {
    /// Every custom field in the sandbox, as "RECORD label", with how many of each there are.
    static func fieldCounts(_ snapshot: SandboxSnapshot) -> [String: Int] {
        var counts: [String: Int] = [:]
        for field in snapshot.customFields { counts["\(field.recordType) \(field.label)", default: 0] += 1 }
        return counts
    }

    static func expectEveryFieldOnceAndRecorded(_ harness: SyncHarness) async throws {
        let snapshot = await harness.sandbox.snapshot()
        let counts = fieldCounts(snapshot)
        #expect(snapshot.customFields.count == KeapCustomField.all.count, "\(counts)")
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts)")
        for field in KeapCustomField.all {
            guard case .known(let id, _) = try harness.database.keapRef(KeapCustomFieldSetup.key(field)) else {
                Issue.record("\(field.record.rawValue) \(field.label) is not recorded")
                continue
            }
            #expect(snapshot.customFields.contains { $0.id == id && $0.label == field.label })
        }
        // The flush accepts the setup.
        #expect(throws: Never.self) { try CustomFieldDirectory(database: harness.database) }
    }

    @Test("one run at 20 % faults of every kind succeeds and creates each field once", arguments: [UInt64(1), 3, 4, 5])
    func oneRunThroughFaults(seed: UInt64) async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(
            faults: SandboxFaultPlan(seed: seed, probability: 0.2, kinds: [.throttle429, .error500BeforeApply, .dropAfterApply, .slow(.milliseconds(1500))])),
            requestTimeout: .seconds(1))
        await AwaitedTeardown.add { await harness.stop() }
        let report = try await KeapCustomFieldSetup(database: harness.database, client: harness.client, retryPause: .milliseconds(10)).run()
        #expect(report.created.count + report.adopted.count == KeapCustomField.all.count)
        #expect(report.alreadyRecorded.isEmpty)
        try await Self.expectEveryFieldOnceAndRecorded(harness)
        let snapshot = await harness.sandbox.snapshot()
        #expect(snapshot.counters.totalFaults > 0)
        #expect(snapshot.calls.contains { $0.method == "POST" && $0.fault != nil }, "some create met a fault")
    }

    @Test("a create whose answer is lost is looked up by label and adopted in the same run, not made twice")
    func lostAnswerIsLookedUp() async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(
            faults: SandboxFaultPlan(seed: 1, probability: 1, kinds: [.dropAfterApply], methods: ["POST"], maxFaults: 1)))
        await AwaitedTeardown.add { await harness.stop() }
        let report = try await KeapCustomFieldSetup(database: harness.database, client: harness.client, retryPause: .milliseconds(10)).run()
        let first = KeapCustomField.all[0]
        #expect(report.adopted == ["\(first.record.rawValue) \(first.label)"])
        #expect(report.created.count == KeapCustomField.all.count - 1)
        try await Self.expectEveryFieldOnceAndRecorded(harness)
        // Create (dropped), then the model read that found it, then the next field's create.
        let calls = await harness.sandbox.snapshot().calls.map { "\($0.method) \($0.path)" }
        let path = "/v2/\(first.record.rawValue)/model"
        #expect(Array(calls.prefix(4)) == ["GET \(path)", "POST \(path)/customFields", "GET \(path)", "POST \(path)/customFields"])
    }

    @Test("creates throttled past the client's tries are tried again within the run")
    func throttledCreatesAreRetried() async throws {
        // Six 429s in a row: more than the client's four tries, so one create comes back retryable to setup.
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(
            faults: SandboxFaultPlan(seed: 1, probability: 1, kinds: [.throttle429], methods: ["POST"], maxFaults: 6)))
        await AwaitedTeardown.add { await harness.stop() }
        let report = try await KeapCustomFieldSetup(database: harness.database, client: harness.client, retryPause: .milliseconds(10)).run()
        #expect(report.created.count == KeapCustomField.all.count)
        try await Self.expectEveryFieldOnceAndRecorded(harness)
        #expect(await harness.sandbox.snapshot().counters.faultsByKind["throttle429"] == 6)
    }

    @Test("a step still failing after the run's tries ends the run as interrupted (exit 75), nothing duplicated")
    func persistentFailureInterrupts() async throws {
        let harness = try await SyncHarness.start(KeapSandboxConfiguration(
            faults: SandboxFaultPlan(seed: 1, probability: 1, kinds: [.error500BeforeApply], methods: ["POST"])))
        await AwaitedTeardown.add { await harness.stop() }
        let setup = KeapCustomFieldSetup(database: harness.database, client: harness.client, attempts: 3, retryPause: .milliseconds(10))
        do {
            _ = try await setup.run()
            Issue.record("setup succeeded while every create failed")
        } catch {
            guard case .interrupted(let message) = error else {
                Issue.record("expected interrupted, got \(error)")
                return
            }
            #expect(message.contains("run `keap setup` again"))
        }
        // Three tries of the first field: each unknown outcome was looked up before the next create.
        let calls = await harness.sandbox.snapshot().calls.map(\.method)
        #expect(calls == ["GET", "POST", "GET", "POST", "GET", "POST"])
        #expect(await harness.sandbox.snapshot().customFields.isEmpty)
        await harness.sandbox.setFaults(.none)
        _ = try await setup.run()
        try await Self.expectEveryFieldOnceAndRecorded(harness)
    }
}
