import Foundation

/// The kernel's TCP socket table (Linux `/proc/net/tcp` and `tcp6`), to count connections a test made.
enum TCPSockets {
    /// Sockets whose local or remote port is `port`, in any state but LISTEN: both ends of every open connection,
    /// and closed ones still in TIME_WAIT.
    static func count(port: Int) throws -> Int {
        let hexPort = String(format: "%04X", port)
        var count = 0
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to EOF: procfs files report size 0, and a read sized from that sees only the first page.
            guard let file = FileHandle(forReadingAtPath: table) else { continue }
            let text = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
            try? file.close()
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3 else { continue }
                let local = fields[1].split(separator: ":").last
                let remote = fields[2].split(separator: ":").last
                let listening = fields[3] == "0A"
                if !listening, local == Substring(hexPort) || remote == Substring(hexPort) { count += 1 }
            }
        }
        return count
    }
}
