import Foundation

/// The `--rejects` file: each rejected line verbatim, followed by `\n`.
final class RejectsFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Creates or truncates the file at the start of the run.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CommandFailure(exitCode: CommandFailure.ioError, message: "cannot create the rejects file \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure(exitCode: CommandFailure.ioError, message: "cannot open the rejects file \(path) for writing")
        }
        self.handle = handle
    }

    func append(_ line: [UInt8]) throws {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
