#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Appends the log head to an anchor file after each commit (`ingest --anchor-file`): one `SEQ HASH` line, written
/// with one `write` and `fsync`ed before the ingest goes on, so an anchor on disk never names a head the database
/// lost. Point it at another disk or a synced folder: a copy next to the database is cut along with it.
///
/// Not `Sendable`: the ingest's calling thread owns it.
package final class AnchorFileWriter {
    package let path: String
    private let descriptor: Int32

    /// Opens (creating if needed) `path` for appending; a new file's folder entry is fsynced too, or a power loss
    /// could forget the file along with its first anchor.
    package init(path: String) throws(LedgerStoreError) {
        self.path = path
        var created = true
        var descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == EEXIST {
            created = false
            descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            throw LedgerStoreError(.io, "cannot open the anchor file \(path) for appending: \(String(cString: strerror(errno))); nothing was ingested")
        }
        self.descriptor = descriptor
        if created {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if folderDescriptor >= 0 {
                _ = fsync(folderDescriptor)
                close(folderDescriptor)
            }
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends `SEQ HASH` and waits until it is on disk.
    package func append(_ head: LogHead) throws(LedgerStoreError) {
        let bytes = Array("\(head.seq) \(EventHashes.hex(head.chainHash))\n".utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw failure(head, String(cString: strerror(errno))) }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw failure(head, String(cString: strerror(errno))) }
    }

    private func failure(_ head: LogHead, _ reason: String) -> LedgerStoreError {
        LedgerStoreError(.io, """
            events up to seq \(head.seq) are stored, but their anchor could not be appended to \(path): \(reason); \
            append the line "\(head.seq) \(EventHashes.hex(head.chainHash))" to it yourself once it is writable
            """)
    }
}
