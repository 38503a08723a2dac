#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding and counting line breaks (0x0A) in a byte buffer.
enum LineBreaks {
    /// The index of the first line break in b[from..<to], or `to`.
    static func next(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = b.baseAddress, let hit = memchr(base + from, 0x0A, to - from) else { return to }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The number of lines in b[from..<to]: its line breaks, plus one for a last line without a break.
    static func lineCount(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to else { return 0 }
        return count(b, from: from, to: to) + (b[to - 1] == 0x0A ? 0 : 1)
    }

    /// The number of line breaks in b[from..<to], eight bytes at a time (see ``marks(_:)``).
    static func count(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = b.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func breaks(_ w: UInt64) -> Int { marks(w).nonzeroBitCount }
        var total = 0
        var i = from
        while to - i >= 32 {
            total += breaks(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                &+ breaks(raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                &+ breaks(raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                &+ breaks(raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        while i < to {
            if base[i] == 0x0A { total += 1 }
            i += 1
        }
        return total
    }

    /// The top bit of each byte of w (loaded little-endian) that is a line break: in x = w ^ 0x0A0A…, a byte
    /// is zero exactly where w held a line break, and ~(((x & 0x7F…) + 0x7F…) | x | 0x7F…) sets the top bit of
    /// exactly the zero bytes of x (no carry crosses a byte).
    @inline(__always)
    static func marks(_ w: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// Bit k set iff raw[offset + k] is a line break, k < 64. Each word's eight marks (bits 7, 15, …, 63) are
    /// gathered into one byte by a multiply: bit 8j lands on bit 56 + j and no two partial products meet.
    @inline(__always)
    static func mask64(_ raw: UnsafeRawPointer, at offset: Int) -> UInt64 {
        var mask: UInt64 = 0
        for word in 0..<8 {
            let m = marks(raw.loadUnaligned(fromByteOffset: offset + 8 * word, as: UInt64.self)) >> 7
            mask |= ((m &* 0x0102_0408_1020_4080) >> 56) << UInt64(8 * word)
        }
        return mask
    }
}
