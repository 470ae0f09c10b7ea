import Foundation
import LedgerSync

/// `reconcile --output FILE.csv`: the discrepancies as RFC 4180 CSV for a spreadsheet (seed 002, step 3).
enum ReconcileCSV {
    static func write(_ discrepancies: [Discrepancy], to path: String) throws {
        var text = "ref,kind,keap_ids,fields,cause\r\n"
        for discrepancy in discrepancies {
            let fields = discrepancy.fields.map(\.description).joined(separator: "; ")
            text += [discrepancy.ref, discrepancy.kind.rawValue, discrepancy.keapIDs.joined(separator: " "), fields, discrepancy.cause]
                .map(quoted).joined(separator: ",") + "\r\n"
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.ioError, message: "cannot write the CSV file \(path): \(error.localizedDescription)")
        }
    }

    /// Quotes a field when it holds a comma, a quote or a line break; a leading =, +, - or @ is prefixed with ' so a
    /// spreadsheet shows a ref like "=1+1" as text instead of running it.
    private static func quoted(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
