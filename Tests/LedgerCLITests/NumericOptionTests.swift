import Foundation
import Testing
import LedgerTestSupport

/// Every numeric option of every command refuses a meaningless value as a usage error (exit 64) naming the option
/// and its allowed range, before it touches a database, a feed or Keap.
@Suite("numeric options: a meaningless value is exit 64 with the allowed range")
final class NumericOptionTests {
    let directory: TemporaryDirectory
    let feed: String
    var db: String { directory.path("ledger.sqlite") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "keap-ledger-options")
        feed = try directory.write("feed.ndjson", FeedLines.feed(FeedLines.customer(id: "e1")))
    }

    deinit { directory.remove() }

    /// Options, with FEED and DB standing for this test's files (a negative value is written `--name=-1`, since
    /// ArgumentParser reads a lone `-1` as an option name); the text the refusal must contain.
    static let refusals: [(arguments: [String], message: String)] = [
        (["ingest", "FEED", "--mode", "skip", "--commit-every", "0", "--db", "DB"], "--commit-every must be 1 or more; found 0"),
        // The bug of issue #14: this never ended.
        (["sync", "FEED", "--mode", "skip", "--commit-every", "0", "--db", "DB"], "--commit-every must be 1 or more; found 0"),
        (["sync", "FEED", "--limit", "0", "--db", "DB"], "--limit must be 1 or more; found 0"),
        (["sync", "FEED", "--max-attempts", "0", "--db", "DB"], "--max-attempts must be 1 or more; found 0"),
        (["sync", "FEED", "--concurrency", "0", "--db", "DB"], "--concurrency must be 1 or more; found 0"),
        (["outbox", "flush", "--limit=-3", "--db", "DB"], "--limit must be 1 or more; found -3"),
        (["outbox", "flush", "--max-attempts", "0", "--db", "DB"], "--max-attempts must be 1 or more; found 0"),
        (["outbox", "flush", "--concurrency=-1", "--db", "DB"], "--concurrency must be 1 or more; found -1"),
        (["verify", "--busy-timeout=-1", "--db", "DB"], "--busy-timeout must be between 0 and 86400; found -1.0"),
        (["--busy-timeout", "nan", "verify", "--db", "DB"], "--busy-timeout must be between 0 and 86400; found nan"),
        (["ingest", "FEED", "--busy-timeout", "inf", "--db", "DB"], "--busy-timeout must be between 0 and 86400; found inf"),
        (["orders", "--limit=-1", "--db", "DB"], "--limit must be 0 or more; found -1"),
        (["export", "--after-seq=-1", "--db", "DB"], "--after-seq must be 0 or more; found -1"),
        (["order", "O-1", "--at-seq=-1", "--db", "DB"], "--at-seq must be 0 or more; found -1"),
        (["history", "O-1", "--at-seq=-2", "--db", "DB"], "--at-seq must be 0 or more; found -2"),
        (["sample-feed", "--events=-1"], "--events must be 0 or more; found -1"),
        (["sample-feed", "--late-rate", "1.5"], "--late-rate must be between 0 and 1; found 1.5"),
        (["sample-feed", "--duplicate-rate=-0.1"], "--duplicate-rate must be between 0 and 1; found -0.1"),
        (["sample-feed", "--incomplete-rate", "nan"], "--incomplete-rate must be between 0 and 1; found nan"),
        // Seeds: ArgumentParser refuses what is not a UInt64, printing the option's help, which states the range.
        (["sample-feed", "--seed=-1"], "--seed <seed>  Random seed, 0...18446744073709551615"),
        (["sample-feed", "--seed", "18446744073709551616"], "--seed <seed>  Random seed, 0...18446744073709551615"),
        (["reconcile", "--sample=-1", "--db", "DB"], "--sample must be 0 or more; found -1"),
        (["reconcile", "--sample", "5", "--seed=-1", "--db", "DB"], "--seed <seed>  The sample's random seed, 0...18446744073709551615"),
        (["sandbox", "--port", "65536"], "--port must be 0...65535; found 65536"),
        (["sandbox", "--port=-1"], "--port must be 0...65535; found -1"),
        (["sandbox", "--access-token-lifetime", "0"], "--access-token-lifetime must be 1 or more; found 0"),
        (["sandbox", "--fault-rate", "2"], "--fault-rate must be between 0 and 1; found 2.0"),
        (["sandbox", "--fault-seed=-1"], "--fault-seed <fault-seed>  Seed of the fault draws, 0...18446744073709551615"),
    ]

    /// Every numeric `@Option` declared in Sources/LedgerCLI, as (its source file, `--name`): those whose type is
    /// `Int`, `Int64`, `UInt64` or `Double` (optional or not), or whose default is a number literal.
    static func declaredNumericOptions() throws -> [(file: String, option: String)] {
        let folder = RepositoryPaths.root.appendingPathComponent("Sources/LedgerCLI")
        var found: [(file: String, option: String)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".swift") {
            let lines = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("@Option(") {
                // The declaration is the next `var` line (the attribute's help text may take several lines).
                guard let declaration = lines[(index + 1)...].first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("var ") }) else { continue }
                let text = declaration.trimmingCharacters(in: .whitespaces).dropFirst("var ".count)
                let name = String(text.prefix { $0.isLetter || $0.isNumber })
                let rest = text.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
                let type = rest.hasPrefix(":") ? rest.dropFirst().trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0.isNumber } : ""
                let literal = rest.firstIndex(of: "=").map { rest[rest.index(after: $0)...].trimmingCharacters(in: .whitespaces) } ?? ""
                let numericType = ["Int", "Int64", "UInt64", "Double"].contains(String(type))
                let numericLiteral = type.isEmpty && !literal.isEmpty && literal.allSatisfy { $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
                guard numericType || numericLiteral else { continue }
                let kebab = name.reduce(into: "--") { result, character in
                    if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
                }
                found.append((file, kebab))
            }
        }
        return found
    }

    /// The table above cannot fall behind the commands: each numeric option declared in a command's file has a row
    /// for that command (options of shared groups, such as `--busy-timeout`, a row for any command).
    @Test func everyDeclaredNumericOptionHasARefusalRow() throws {
        let declared = try Self.declaredNumericOptions()
        // The scan itself is checked: it must see the options the table was written from.
        #expect(declared.contains { $0.file == "SandboxCommand.swift" && $0.option == "--access-token-lifetime" }, "\(declared)")
        #expect(declared.contains { $0.file == "GlobalOptions.swift" && $0.option == "--busy-timeout" }, "\(declared)")
        #expect(declared.contains { $0.file == "SandboxCommand.swift" && $0.option == "--fault-rate" }, "\(declared)")
        #expect(!declared.contains { $0.option == "--currency" || $0.option == "--db" }, "\(declared)")
        for (file, option) in declared {
            // `OrdersCommand.swift` -> `orders`, `SampleFeedCommand.swift` -> `sample-feed`; other files are shared groups.
            var command: String?
            if file.hasSuffix("Command.swift") {
                let stem = file.dropLast("Command.swift".count)
                command = stem.enumerated().reduce(into: "") { result, pair in
                    if pair.element.isUppercase && pair.offset > 0 { result += "-" }
                    result += pair.element.lowercased()
                }
            }
            let covered = Self.refusals.contains { row in
                // The row's refusal must be about this option (not merely mention it beside another one refused).
                row.message.hasPrefix(option) && row.arguments.contains { $0 == option || $0.hasPrefix(option + "=") }
                    && (command.map { row.arguments.contains($0) } ?? true)
            }
            #expect(covered, "\(file): \(option) has no refusal test\(command.map { " for `\($0)`" } ?? "")")
        }
    }

    @Test("refused with exit 64", .timeLimit(.minutes(1)), arguments: refusals)
    func refused(arguments: [String], message: String) async throws {
        let resolved = arguments.map { $0 == "FEED" ? feed : $0 == "DB" ? db : $0 }
        // A regression would serve (`sandbox`) or spin (`sync`) instead of exiting: the time limit fails the test.
        let run = try await LedgerProcess.runDetached(resolved)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "\(arguments): the ledger was opened before the options were checked")
    }
}
