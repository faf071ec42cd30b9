/// A canvas as text for `snapshot`: plain lines, or with ANSI SGR colour sequences from a theme.
public enum TextOutput {
    public static func plain(_ canvas: Canvas) -> String {
        canvas.lines.joined(separator: "\n") + "\n"
    }

    public static func ansi(_ canvas: Canvas, theme: Theme, mode: ColorMode) -> String {
        var output = ""
        for y in 0..<canvas.height {
            var current: ResolvedStyle?
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                let style = theme.style(cell.role, mode: mode)
                if style != current {
                    output += sgr(style)
                    current = style
                }
                output += cell.text
            }
            output += "\u{1B}[0m\n"
        }
        return output
    }

    static func sgr(_ style: ResolvedStyle) -> String {
        var codes = ["0"]
        if style.attributes.contains(.bold) { codes.append("1") }
        if style.attributes.contains(.dim) { codes.append("2") }
        if style.attributes.contains(.underline) { codes.append("4") }
        if style.attributes.contains(.reverse) { codes.append("7") }
        if style.foreground >= 0 { codes.append(style.foreground < 8 ? "\(30 + style.foreground)" : "38;5;\(style.foreground)") }
        if style.background >= 0 { codes.append(style.background < 8 ? "\(40 + style.background)" : "48;5;\(style.background)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
