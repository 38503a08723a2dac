/// Aligns rows of cells into columns for terminal output (no colour, no box drawing).
public enum TextTable {
    /// The first row is the header; columns from `rightAlignedFrom` on are right-aligned (numbers).
    public static func render(_ rows: [[String]], rightAlignedFrom: Int = 1, gap: Int = 2) -> [String] {
        guard let width = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { line += String(repeating: " ", count: gap) }
                line += i >= rightAlignedFrom ? pad + cell : cell + pad
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
