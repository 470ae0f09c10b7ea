import ArgumentParser
import Foundation
import LedgerProjection
import LedgerStore

/// `keap-ledger verify`: re-checks the whole log (cli.md), and proves it still holds the anchors given.
struct VerifyCommand: FailureReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check the whole log: gap-free seq, hash chain over every stored column, nothing changed or removed.",
        discussion: """
            --projections also rebuilds a copy of the ledger and compares its projections and the outbox's desired \
            states with the stored ones (exit 65 naming the first difference). \
            Exit 0 when intact; exit 65 naming the first bad sequence number otherwise, or when an anchor is not held \
            (its seq is beyond the end of the log, or the log holds another chain hash there). A malformed --anchor \
            is a usage error (64); a malformed line of an --anchor-file is a data error (65) naming the file and \
            line; a missing anchor file is exit 66.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("anchor"), help: ArgumentHelp(
        "Prove the log still holds event SEQ with chain hash HASH (64 hex digits, as head_hash). Repeatable.",
        valueName: "SEQ:HASH"))
    var anchorTexts: [String] = []

    @Option(help: ArgumentHelp("Prove every anchor of this file: one `SEQ HASH` per line, as `ingest --anchor-file` writes them.", valueName: "PATH"))
    var anchorFile: String?

    @Flag(help: "Also prove the projections and the outbox's desired states equal a fresh fold of the log (rebuilds a copy).")
    var projections = false

    func validate() throws {
        for text in anchorTexts {
            do {
                _ = try Anchor.parse(option: text)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    func execute() throws {
        var anchors = try anchorTexts.map { try Anchor.parse(option: $0) }
        if let anchorFile {
            let fromFile = try AnchorFile.read(path: anchorFile)
            if fromFile.isEmpty { StandardStreams.err("keap-ledger: warning: the anchor file \(anchorFile) holds no anchors: nothing from it was checked\n") }
            anchors += fromFile
        }
        let database = try global.openDatabase()
        let showProgress = StandardStreams.errIsTerminal
        let report = try LogVerifier(database: database).verify(anchors: anchors) { checked in
            if showProgress { StandardStreams.err("verify: \(checked) events checked…\n") }
        }
        for warning in report.warnings { StandardStreams.err("keap-ledger: warning: \(warning)\n") }
        // Only an intact log is worth folding: a damaged one is reported as such below.
        let projectionDifference = projections && report.isIntact
            ? try ProjectionVerifier.firstDifference(in: database, scratchDirectory: URL(fileURLWithPath: database.path).deletingLastPathComponent().path)
            : nil
        if global.json {
            var object = JSONObjectWriter()
            object.add("intact", report.isIntact)
            object.add("events", report.events)
            object.add("last_seq", report.lastSeq)
            object.add("head_hash", report.isIntact ? report.headHash : nil)
            object.add("log_format", report.formatVersion)
            object.add("format_1_last_seq", report.version1LastSeq)
            object.add("anchors", report.anchors.map { check in
                var anchor = JSONObjectWriter()
                anchor.add("seq", check.anchor.seq)
                anchor.add("hash", check.anchor.hashText)
                anchor.add("from", check.anchor.origin)
                anchor.add("result", check.result.rawValue)
                return anchor
            })
            object.add("first_bad_seq", report.firstBadSeq)
            object.add("problem", report.problem)
            object.add("warnings", report.warnings)
            if projections { object.add("projections", report.isIntact ? (projectionDifference ?? "match") : nil) }
            StandardStreams.out(object.text + "\n")
        } else if report.isIntact {
            var text = "log intact: \(report.events) events, last seq \(report.lastSeq), head hash \(report.headHash)"
            if let version1LastSeq = report.version1LastSeq {
                text += "; events 1…\(version1LastSeq) are in log format 1 (recorded_at outside the chain), later ones in format \(report.formatVersion)"
            }
            if !report.anchors.isEmpty { text += "; \(report.anchors.count) anchor\(report.anchors.count == 1 ? "" : "s") held" }
            if projections && projectionDifference == nil { text += "; projections and outbox equal a rebuild from the log" }
            StandardStreams.out(text + "\n")
        }
        if let badSeq = report.firstBadSeq {
            StandardStreams.err("keap-ledger: error: log damaged at seq \(badSeq): \(report.problem ?? "")\n")
            throw ExitCode(CommandFailure.dataError)
        }
        if let projectionDifference {
            StandardStreams.err("keap-ledger: error: the projections differ from the log: \(projectionDifference); `keap-ledger rebuild` derives them again\n")
            throw ExitCode(CommandFailure.dataError)
        }
    }
}
