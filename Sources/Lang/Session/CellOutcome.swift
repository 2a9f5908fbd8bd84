/// How a cell ended.
public enum CellOutcome: Equatable, Sendable {
    /// The cell ran. `result` is its value to show (`execute_result`), if any; `pages` are
    /// help pages (`?name`, `help(name)`) for the frontend's pager.
    case ok(result: RichBundle?, pages: [RichBundle])
    /// The cell raised: the error kind (`NameError`), its message, and the traceback lines
    /// (with ANSI colours, like ipykernel).
    case error(kind: String, message: String, traceback: [String])
}
