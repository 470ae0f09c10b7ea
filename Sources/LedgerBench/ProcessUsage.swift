import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// This process's memory and CPU, from /proc and getrusage: the same figures `/usr/bin/time` gives scripts/bench,
/// but per phase of one process (the flush bench runs several flushes in one process).
enum ProcessUsage {
    /// Peak resident set size (VmHWM) in bytes, nil where /proc is missing.
    static func peakResidentBytes() -> Int? {
        statusField("VmHWM:")
    }

    /// Resets VmHWM to the current RSS (Linux ≥ 4.0: "5" to /proc/self/clear_refs), so the next peak is that of the
    /// phase that follows rather than of everything before it. False when the kernel refuses.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// User and system CPU seconds of the whole process (every thread, the in-process sandbox's included).
    static func cpuSeconds() -> (user: Double, system: Double) {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)  // Glibc imports RUSAGE_SELF as an enum case
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return (0, 0) }
        func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    /// A `kB` line of /proc/self/status, in bytes.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            // "VmHWM:\t  123456 kB": tab, then padding spaces.
            let digits = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
            return digits.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
