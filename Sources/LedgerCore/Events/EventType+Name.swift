#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EventType {
    /// The type named by exactly these bytes (`rawValue`'s UTF-8), or nil. Reads the name where it stands, in the
    /// line: the synthesized `init(rawValue:)` needs a `String` first (a heap allocation for the names longer than
    /// 15 bytes) and then compares it with the cases one by one as strings. Every stored line's type is read this
    /// way on `rebuild`'s fold workers, and every ingested line's on the parsing threads.
    package init?(name: UnsafeBufferPointer<UInt8>) {
        guard let base = name.baseAddress else { return nil }
        for entry in EventType.names where entry.bytes.count == name.count {
            let equal = entry.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, name.count) == 0 }
            if equal {
                self = entry.type
                return
            }
        }
        return nil
    }

    /// The type named `name` (`init(rawValue:)`, through `init(name:)`'s bytes).
    package init?(name: String) {
        var name = name
        guard let type = name.withUTF8({ EventType(name: $0) }) else { return nil }
        self = type
    }

    /// Every case's name as bytes, once.
    private static let names: [(bytes: [UInt8], type: EventType)] = allCases.map { (Array($0.rawValue.utf8), $0) }
}
