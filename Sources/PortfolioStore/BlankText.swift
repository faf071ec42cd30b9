extension String {
    /// Empty or white space only. Text that starts with a visible ASCII character is not blank,
    /// found without walking it by Character: an ingest checks a few names on each of a million lines.
    var isBlank: Bool {
        if let first = utf8.first, first > 0x20, first < 0x7F { return false }
        return allSatisfy(\.isWhitespace)
    }
}
