import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The token file (KEAP_TOKEN_FILE): read with its permissions checked, written atomically. A crash at any point
/// leaves either the old file or the new one, never a torn one, because a rotated refresh token that is lost cannot
/// be recovered (only a new authorization can).
package enum KeapTokenFile {
    /// Larger than any token file; a bigger file is not ours.
    private static let maximumSize = 64 * 1024

    /// Reads and checks the file: it must exist, be a regular file with no group/other permissions, and hold the
    /// three members.
    package static func read(_ path: String) throws(KeapTokenFileError) -> KeapTokenSet {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = errno
            throw KeapTokenFileError(path: path, reason: error == ENOENT ? .missing : .io("cannot open it: \(String(cString: strerror(error)))"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw KeapTokenFileError(path: path, reason: .io("cannot stat it: \(String(cString: strerror(errno)))"))
        }
        guard UInt32(status.st_mode) & 0o170000 == 0o100000 else {
            throw KeapTokenFileError(path: path, reason: .malformed("it is not a regular file"))
        }
        // Checked on the open descriptor, so a chmod between check and read cannot slip through.
        let access = UInt32(status.st_mode) & 0o077
        guard access == 0 else {
            throw KeapTokenFileError(path: path, reason: .insecure(mode: UInt32(status.st_mode) & 0o777))
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw KeapTokenFileError(path: path, reason: .io("cannot read it: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            guard bytes.count <= maximumSize else {
                throw KeapTokenFileError(path: path, reason: .malformed("it is larger than \(maximumSize) bytes"))
            }
        }
        switch KeapTokenSet.parse(fileBytes: bytes) {
        case .success(let tokens): return tokens
        case .failure(let reason): throw KeapTokenFileError(path: path, reason: reason)
        }
    }

    /// Writes `tokens` atomically: a temporary file in the same directory created with mode 0600, write, fsync,
    /// rename over the file, fsync the directory (so the rename itself survives a power cut).
    package static func write(_ tokens: KeapTokenSet, to path: String) throws(KeapTokenFileError) {
        let directory = directoryName(of: path)
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        var random = SystemRandomNumberGenerator()
        let temporary = directory + "/." + fileName + ".tmp-\(getpid())-\(String(random.next() as UInt32, radix: 16))"
        func failure(_ action: String, _ error: Int32) -> KeapTokenFileError {
            KeapTokenFileError(path: path, reason: .io("cannot \(action): \(String(cString: strerror(error)))"))
        }
        // O_EXCL: never write through a file (or symlink) someone else put there.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create a temporary file in \(directory)", errno) }
        var written = false
        defer {
            if !written { unlink(temporary) }
        }
        // The umask can only clear bits, but a file system with odd defaults (or ACL inheritance) should not decide.
        guard fchmod(descriptor, 0o600) == 0 else {
            let error = errno
            close(descriptor)
            throw failure("set mode 0600 on the temporary file", error)
        }
        let bytes = tokens.fileBytes
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = errno
                close(descriptor)
                throw failure("write the temporary file", error)
            }
            offset += count
        }
        guard fsync(descriptor) == 0 else {
            let error = errno
            close(descriptor)
            throw failure("fsync the temporary file", error)
        }
        guard close(descriptor) == 0 else { throw failure("close the temporary file", errno) }
        guard rename(temporary, path) == 0 else { throw failure("rename the temporary file over it", errno) }
        written = true
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw failure("open \(directory) to fsync it", errno) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw failure("fsync \(directory)", errno) }
    }

    /// The directory part of `path` (`.` for a bare file name).
    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}
