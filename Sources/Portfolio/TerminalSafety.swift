/// Which characters never reach a terminal raw, whatever writes them — the cell grid, the CLI's
/// lines, JSON, an exported file: a terminal acts on a control (ESC starts an escape sequence) and
/// an invisible format character (a bidi override) changes how the rest of a line reads.
extension Unicode.Scalar {
    /// C0 and C1 controls, DEL, and the line and paragraph separators.
    public var isTerminalControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }

    /// Format characters: bidi controls and overrides, zero-width ones, the BOM.
    public var isInvisibleFormat: Bool {
        if properties.generalCategory == .format { return true }
        return (0x200B...0x200F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// Either: what must be replaced, dropped or escaped on the way out.
    public var isUnsafeForTerminal: Bool { isTerminalControl || isInvisibleFormat }
}
