import Foundation

/// A progress line on stderr for long resampling (resamples done, rate, time left). Drawn only when
/// stderr is a terminal and the work has run for more than a second; erased when done.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var done = 0
    private var lastDraw: ContinuousClock.Instant?
    private var drawn = false

    func update(_ step: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        done += step
        let now = ContinuousClock.now
        let elapsed = secondsSince(start)
        guard elapsed > 1 else { return }
        if let last = lastDraw, now - last < .milliseconds(200), done < total { return }
        lastDraw = now
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = "\r\u{1B}[2Kaudit: resamples \(done)/\(total) · \(Int(rate))/s · \(Int(left.rounded(.up))) s left"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
