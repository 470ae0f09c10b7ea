import LedgerSampleFeed
import Testing

/// The configuration's defaults and its argument checks.
@Suite("Sample feed configuration")
struct SampleFeedConfigurationTests {
    @Test("defaults give a realistic mix starting 2026-01-05 08:00 UTC")
    func defaults() {
        // Given a configuration with only the size
        let configuration = SampleFeedConfiguration(events: 10)

        // Then the documented defaults apply and it is usable
        #expect(configuration.seed == 1)
        #expect(configuration.source == "sample")
        #expect(configuration.lateRate == 0.02)
        #expect(configuration.duplicateRate == 0.01)
        #expect(configuration.incompleteRate == 0.01)
        #expect(configuration.start == "2026-01-05T08:00:00Z")
        #expect(configuration.problem == nil)
        #expect(configuration.startEpochMilliseconds == 1_767_600_000_000)
    }

    @Test("an offset or fractional start names the same kind of instant")
    func startWithOffset() {
        // Given a start with an offset and milliseconds
        let configuration = SampleFeedConfiguration(events: 1, start: "2026-01-05T10:00:00.250+02:00")

        // Then it is the UTC instant
        #expect(configuration.startEpochMilliseconds == 1_767_600_000_250)
    }

    @Test("problems are named", arguments: [
        SampleFeedConfiguration(events: -1),
        SampleFeedConfiguration(events: 1, start: "2026-02-30T00:00:00Z"),
        SampleFeedConfiguration(events: 1, start: "yesterday"),
        SampleFeedConfiguration(events: 1, source: ""),
        SampleFeedConfiguration(events: 1, source: "tab\there"),
        SampleFeedConfiguration(events: 1, lateRate: 1.5),
        SampleFeedConfiguration(events: 1, duplicateRate: -0.1),
        SampleFeedConfiguration(events: 1, incompleteRate: .nan),
    ])
    func problems(configuration: SampleFeedConfiguration) {
        // Then an unusable configuration says why
        #expect(configuration.problem != nil)
    }

    @Test("the first event occurs at the configured start")
    func firstEventAtStart() throws {
        // Given a configuration with a custom start
        let configuration = SampleFeedConfiguration(events: 1, start: "2030-06-01T12:00:00Z")
        var generator = SampleFeedGenerator(configuration: configuration)

        // Then the first line occurred at that instant (some events carry milliseconds, never a whole second more)
        let first = generator.nextLine()
        let bytes = try #require(first)
        let line = try #require(ParsedFeed.parse(bytes))
        let start = try #require(ParsedFeed.instant(configuration.start))
        #expect(line.occurredAt >= start && line.occurredAt < start.addingTimeInterval(1))
    }
}
