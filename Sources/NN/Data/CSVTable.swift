import Foundation
import Tensor

/// A table read from CSV text: optional column names and rows of text cells.
///
/// Parsing follows RFC 4180: fields separated by commas, optionally quoted with `"` (a quote
/// inside a quoted field is written `""`), rows ended by `\n` or `\r\n`. Blank lines are
/// skipped. Every row must have as many cells as the first one.
public struct CSVTable: Sendable, Equatable {
    /// The column names (the header row), or `nil` when the text had no header.
    public var columnNames: [String]?
    /// The data rows, each a list of text cells.
    public var rows: [[String]]

    /// The number of columns (0 for an empty table).
    public var columnCount: Int { columnNames?.count ?? rows.first?.count ?? 0 }

    /// Parses CSV text.
    ///
    /// - Parameters:
    ///   - text: The CSV text.
    ///   - header: Whether the first row holds column names.
    ///   - source: A name for messages (a file path), e.g. `"iris.csv"`.
    /// - Throws: `NNError.file` for an unterminated quote or a row of the wrong length.
    public init(parsing text: String, header: Bool, source: String = "CSV text") throws(NNError) {
        var rows = try CSVTable.parseRows(text, source: source)
        if header, !rows.isEmpty {
            columnNames = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            columnNames = nil
        }
        let width = columnNames?.count ?? rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != width {
            let line = i + (header ? 2 : 1)
            throw .file("\(source): row \(line) has \(row.count) values but the table has \(width) columns")
        }
        self.rows = rows
    }

    /// Reads and parses a CSV file.
    ///
    /// - Parameters:
    ///   - path: The file path.
    ///   - header: Whether the first row holds column names.
    /// - Throws: `NNError.file` when the file cannot be read or is malformed.
    public init(contentsOfFile path: String, header: Bool) throws(NNError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file("cannot read '\(path)': no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .file("cannot read '\(path)': it is not UTF-8 text")
        }
        try self.init(parsing: text, header: header, source: path)
    }

    /// The values of one column as numbers, or `nil` when a cell is not a number.
    ///
    /// - Parameter index: The column index.
    /// - Returns: One `Float` per row, or `nil`.
    public func numericColumn(_ index: Int) -> [Float]? {
        var out: [Float] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            guard let v = Float(row[index].trimmingCharacters(in: .whitespaces)) else { return nil }
            out.append(v)
        }
        return out
    }

    /// The whole table as a `[rows, columns]` tensor.
    ///
    /// - Parameter source: A name for messages.
    /// - Returns: The tensor.
    /// - Throws: `NNError.file` naming the first cell that is not a number.
    public func tensor(source: String = "CSV text") throws(NNError) -> Tensor {
        let width = columnCount
        var scalars: [Float] = []
        scalars.reserveCapacity(rows.count * width)
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                guard let v = Float(cell.trimmingCharacters(in: .whitespaces)) else {
                    let name = columnNames.map { " ('\($0[c])')" } ?? ""
                    throw .file("\(source): the value '\(cell)' in row \(r + 1), column \(c + 1)\(name) is not a number")
                }
                scalars.append(v)
            }
        }
        return Tensor(shape: [rows.count, width], scalars: scalars)
    }

    /// Splits CSV text into rows of cells (quotes handled, blank lines skipped).
    static func parseRows(_ text: String, source: String) throws(NNError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            row.append(field)
            if !(row.count == 1 && row[0].isEmpty && !fieldWasQuoted) { rows.append(row) }
            row = []
            field = ""
            fieldWasQuoted = false
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                row.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n":
                endRow()
            case "\r":
                continue
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw .file("\(source): a quoted value is not closed (missing '\"')") }
        if !field.isEmpty || !row.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }
}
