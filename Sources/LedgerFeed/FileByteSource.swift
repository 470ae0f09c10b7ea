#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor with plain `read(2)`: no buffering of its own, the framer reads in large chunks.
package final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The input's name in messages.
    package let name: String

    /// Opens `path` for reading; `-` is standard input.
    package init(path: String) throws(FeedReadError) {
        name = path
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw FeedReadError(.missing, input: path, reason: "cannot read input: \(FileByteSource.describeErrno()); check the path")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw FeedReadError(.unreadable, input: path, reason: "is a directory, not a feed file")
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw FeedReadError(.unreadable, input: path, reason: "cannot open input: \(FileByteSource.describeErrno())")
        }
        descriptor = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer, line: Int) throws(FeedReadError) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FeedReadError(.unreadable, input: name, line: line, reason: "read failed: \(FileByteSource.describeErrno())")
        }
    }

    static func describeErrno() -> String {
        String(cString: strerror(errno))
    }
}
