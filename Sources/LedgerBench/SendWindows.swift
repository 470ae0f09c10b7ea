/// Sliding-window counts over request send times: the check that the client's limiter kept its promise
/// ("at most L requests in *any* window of length W", not just in windows aligned to whole seconds).
enum SendWindows {
    /// The most sends in any half-open window `[t, t + window)`. Checking windows that start at a send suffices:
    /// sliding any window forward to its first send keeps the same sends inside it.
    static func maxCount(_ sortedSends: [Duration], window: Duration) -> Int {
        var best = 0
        var end = 0
        for start in sortedSends.indices {
            while end < sortedSends.count, sortedSends[end] - sortedSends[start] < window { end += 1 }
            best = max(best, end - start)
        }
        return best
    }

    /// The shortest time spanned by `count` consecutive sends (nil with fewer sends). With `count = limit + 1` this
    /// is the margin: a value at or above the window length means no window ever held more than `limit`.
    static func tightestSpan(_ sortedSends: [Duration], count: Int) -> Duration? {
        guard count >= 1, sortedSends.count >= count else { return nil }
        var best = Duration.seconds(Int64.max / 2)
        for start in 0...(sortedSends.count - count) {
            best = min(best, sortedSends[start + count - 1] - sortedSends[start])
        }
        return best
    }
}
