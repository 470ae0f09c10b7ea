#if canImport(Glibc)
import Glibc
#endif

/// Writes to stdout and stderr without Foundation's per-call overhead; stdout is for results, stderr for the rest.
enum StandardStreams {
    static func out(_ text: String) {
        var text = text
        text.withUTF8 { writeAll(STDOUT_FILENO, UnsafeRawBufferPointer($0)) }
    }

    static func err(_ text: String) {
        var text = text
        text.withUTF8 { writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }

    /// Writes every byte, retrying short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Whether stderr is a terminal (progress lines are for people).
    static var errIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
