#if canImport(Glibc)
import Glibc
#endif

/// A buffered byte writer to stdout or a file, for streams of millions of lines.
final class BufferedSink {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let name: String
    private var buffer: [UInt8] = []

    /// Creates or truncates `path`; nil or `-` means standard output.
    init(path: String?) throws {
        if let path, path != "-" {
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard opened >= 0 else {
                throw CommandFailure(exitCode: CommandFailure.ioError, message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            descriptor = opened
            ownsDescriptor = true
            name = path
        } else {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
            name = "standard output"
        }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func write(byte: UInt8) throws {
        buffer.append(byte)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        if ownsDescriptor, Glibc.close(descriptor) != 0 {
            throw CommandFailure(exitCode: CommandFailure.ioError, message: "closing \(name) failed: \(String(cString: strerror(errno)))")
        }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CommandFailure(exitCode: CommandFailure.ioError, message: "writing \(name) failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
