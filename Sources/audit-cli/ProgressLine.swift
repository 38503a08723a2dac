import Stats
#if canImport(Glibc)
import Glibc
#endif

/// A progress line on stderr for long resampling (resamples done, rate, time left). Drawn only when
/// stderr is a terminal and the work has run for more than a second; erased when done.
final class ProgressLine: Sendable {
    private struct State: Sendable {
        var done = 0
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
    }
    private let start = ContinuousClock.now
    private let state = Locked(State())  // a pthread mutex: visible to ThreadSanitizer

    func update(_ step: Int, _ total: Int) {
        state.withLock { s in
            s.done += step
            let now = ContinuousClock.now
            let elapsed = secondsSince(start)
            guard elapsed > 1 else { return }
            if let last = s.lastDraw, now - last < .milliseconds(200), s.done < total { return }
            s.lastDraw = now
            let rate = Double(s.done) / elapsed
            let left = rate > 0 ? Double(total - s.done) / rate : 0
            writeToStandardError("\r\u{1B}[2Kaudit: resamples \(s.done)/\(total) · \(Int(rate))/s · \(Int(left.rounded(.up))) s left")
            s.drawn = true
        }
    }

    func finish() {
        state.withLock { s in if s.drawn { writeToStandardError("\r\u{1B}[2K") } }
    }

    private func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
