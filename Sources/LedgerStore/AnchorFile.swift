import Foundation

/// Reads an anchor file: one `SEQ HASH` per line, as `ingest --anchor-file` appends them. Blank lines and lines
/// starting with `#` (an operator's notes) are skipped; a CRLF line end is accepted (the file may have been edited
/// elsewhere). Anything else is refused with the file, the line number and the line, because silently skipping a
/// line could skip the one anchor that proves a cut.
package enum AnchorFile {
    package static func read(path: String) throws(LedgerStoreError) -> [Anchor] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw LedgerStoreError(.inputMissing, "cannot read the anchor file \(path): it does not exist, is a folder or is not readable; give the file `ingest --anchor-file` appends to")
        }
        return try parse(String(decoding: data, as: UTF8.self), name: path)
    }

    /// Parses the text of an anchor file called `name` (for messages).
    package static func parse(_ text: String, name: String) throws(LedgerStoreError) -> [Anchor] {
        var anchors: [Anchor] = []
        var number = 0
        // Split bytes, not Characters: Swift reads CR LF as one Character, which equals neither "\n" nor "\r".
        for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let line = String(decoding: rawLine.last == 0x0D ? rawLine.dropLast() : rawLine, as: UTF8.self)
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            let origin = "\(name):\(number)"
            guard fields.count == 2 else {
                throw LedgerStoreError(.malformedInput, "\(origin): \"\(line)\": expected SEQ HASH (a seq, a space, its 64-hex-digit chain hash), found \(fields.count) fields; fix or delete this line")
            }
            switch Anchor.parse(seq: fields[0], hash: fields[1], origin: origin) {
            case .success(let anchor): anchors.append(anchor)
            case .failure(let syntax): throw LedgerStoreError(.malformedInput, "\(origin): \"\(line)\": \(syntax); fix or delete this line")
            }
        }
        return anchors
    }
}
