import CNcurses
import Dashboard
import Foundation
import Glibc
import Portfolio
import Render

/// The one place that calls ncurses: starts and restores the terminal, copies a canvas to the
/// screen (only the cells that changed; ncurses then sends only the difference), and waits for
/// keys with poll() so hang-ups, EOF and signals are noticed within a slice.
public final class TerminalScreen {
    public private(set) var width: Int
    public private(set) var height: Int
    public let colorMode: ColorMode
    public let glyphs: Glyphs
    private var theme: Theme
    private var previous: Canvas?
    private var attributesByRole: [Role: (attrs: attr_t, pair: Int32)] = [:]
    private var active = true
    /// The terminal: standard input and output, or /dev/tty for the one that is not a terminal.
    private let inputDescriptor: Int32
    private let outputDescriptor: Int32
    nonisolated(unsafe) private static var current: TerminalScreen?

    /// The ncurses library this build runs with, as it names itself (`ncurses 6.4.20221231`).
    public static var libraryVersion: String { String(cString: curses_version()) }

    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case cannotStart(String)
        case cannotAddressCursor(String)

        public var description: String {
            switch self {
            case .notATerminal: "the dashboard needs a terminal: standard input and output are not one, and there is no controlling terminal (/dev/tty); try `oversight snapshot` or `oversight list`"
            case let .cannotStart(term): "cannot start the terminal \(term.isEmpty ? "(TERM is not set)" : "'\(term)'"); set TERM to a terminal type this system knows, e.g. xterm-256color"
            case let .cannotAddressCursor(term): "the terminal '\(term)' cannot move the cursor, so it cannot show the dashboard; use `oversight snapshot` or `oversight list`, or set TERM to a full-screen terminal type (e.g. xterm-256color)"
            }
        }
    }

    /// `colorMode` and `unicode` override what the terminal and locale say (`--color`, `--unicode`).
    public init(theme: Theme, environment: [String: String], mouse: Bool = false, colorMode override: ColorMode? = nil,
                unicode: Bool? = nil) throws {
        // Standard input or output need not be the terminal (`nohup oversight` sends output to
        // nohup.out and reads from /dev/null): then the controlling terminal is, as for fzf or less.
        var tty: Int32 = -1
        if isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 {
            tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
            guard tty >= 0, isatty(tty) == 1 else { throw StartError.notATerminal }
        }
        inputDescriptor = isatty(STDIN_FILENO) == 1 ? STDIN_FILENO : tty
        outputDescriptor = isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : tty
        setlocale(LC_ALL, "")
        shim_crash_save_modes(inputDescriptor, outputDescriptor)
        let screen = shim_newterm(outputDescriptor, inputDescriptor)
        guard screen != nil else { throw StartError.cannotStart(environment["TERM"] ?? "") }
        guard shim_can_address_cursor() != 0 else {
            endwin()
            throw StartError.cannotAddressCursor(environment["TERM"] ?? "")
        }
        set_escdelay(25)
        cbreak()
        noecho()
        nonl()
        intrflush(shim_stdscr(), false)
        keypad(shim_stdscr(), true)
        nodelay(shim_stdscr(), true)
        curs_set(0)
        shim_enable_mouse(mouse ? 1 : 0)
        shim_crash_install(mouse ? 1 : 0)
        var colors: Int32 = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = shim_colors()
        }
        let detected = ColorMode.detect(colors: Int(colors), environment: environment)
        // An override can lower the depth, never raise it past what the terminal has.
        colorMode = override.map { $0.colors <= detected.colors ? $0 : detected } ?? detected
        glyphs = unicode.map { $0 ? Glyphs.unicode : Glyphs.ascii } ?? Glyphs.forLocale(environment)
        self.theme = theme
        width = Int(shim_cols())
        height = Int(shim_lines())
        TerminalScreen.current = self
        atexit { TerminalScreen.current?.stop() }
        applyTheme(theme)
    }

    /// Switches to another theme at once; the next frame is drawn in full.
    public func applyTheme(_ theme: Theme) {
        self.theme = theme
        attributesByRole = [:]
        for (index, role) in Role.allCases.enumerated() {
            let style = theme.style(role, mode: colorMode)
            var attrs = shim_a_normal()
            if style.attributes.contains(.bold) { attrs |= shim_a_bold() }
            if style.attributes.contains(.dim) { attrs |= shim_a_dim() }
            if style.attributes.contains(.underline) { attrs |= shim_a_underline() }
            if style.attributes.contains(.reverse) { attrs |= shim_a_reverse() }
            var pair: Int32 = 0
            // The terminal's own colours need no pair: pair 0 spares the colour sequences.
            let plain = style.foreground == -1 && style.background == -1
            if colorMode != .none, !plain, index + 1 < Int(shim_color_pairs()) {
                pair = Int32(index + 1)
                init_pair(Int16(pair), Int16(style.foreground), Int16(style.background))
            }
            attributesByRole[role] = (attrs, pair)
        }
        previous = nil
    }

    /// Copies the canvas to the screen, touching only cells that differ from the last frame.
    /// Returns false when the terminal can no longer be written to.
    @discardableResult
    public func draw(_ canvas: Canvas) -> Bool {
        guard active else { return false }
        let full = previous == nil || previous!.width != canvas.width || previous!.height != canvas.height
        if full { erase() }
        for y in 0..<min(canvas.height, height) {
            for x in 0..<min(canvas.width, width) {
                if !full, let previous, canvas.cellEquals(previous, x: x, y: y) { continue }
                let cell = canvas[x, y]
                if cell.text.isEmpty { continue }  // the right half of a wide character
                let style = attributesByRole[cell.role] ?? (shim_a_normal(), 0)
                var wide = Array(cell.text.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
                wide.append(0)
                // The bottom-right cell may report ERR (the cursor cannot advance); harmless.
                _ = shim_put_cell(Int32(y), Int32(x), wide, style.attrs, style.pair)
            }
        }
        previous = canvas
        errno = 0
        if refresh() == ERR, [EIO, EPIPE, ENXIO, EBADF].contains(errno) { return false }
        return true
    }

    /// Puts `text` on the terminal's clipboard with OSC 52, as vim, tmux and lazygit do: the text
    /// travels base64-encoded, so nothing in it reaches the terminal raw; unsafe characters are
    /// dropped first all the same. Terminals that do not support it ignore the sequence.
    public func copyToClipboard(_ text: String) {
        guard active else { return }
        let safe = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.isUnsafeForTerminal }))
        let sequence = Array("\u{1B}]52;c;\(Data(safe.utf8).base64EncodedString())\u{07}".utf8)
        _ = sequence.withUnsafeBytes { Glibc.write(outputDescriptor, $0.baseAddress, $0.count) }
    }

    /// Waits up to `timeout` seconds for input. Returns at once on a key, a resize, EOF/hang-up,
    /// or a signal.
    public func wait(timeout: TimeInterval) -> InputEvent {
        if let resize = checkSize() { return resize }
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout * 1000)))
        if ready < 0 { return errno == EINTR ? (checkSize() ?? readKey() ?? .interrupted) : .closed }
        if ready == 0 { return checkSize() ?? .timeout }
        if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .closed }
        // Readable with nothing to read is end of file: the other side of the terminal is gone.
        if shim_bytes_waiting(inputDescriptor) == 0 { return .closed }
        return readKey() ?? .timeout
    }

    /// The size of the terminal on standard output as the kernel sees it, or nil when standard
    /// output is no terminal: what a dashboard's state begins at, so that its first load reads
    /// the panels at the size it draws them, not at 80×24 and again at the terminal's size.
    public static func kernelSize() -> (width: Int, height: Int)? {
        isatty(STDOUT_FILENO) == 1 ? size(of: STDOUT_FILENO) : nil
    }

    /// The size of the terminal on `descriptor`, or nil when it has none.
    private static func size(of descriptor: Int32) -> (width: Int, height: Int)? {
        var rows: Int32 = 0, cols: Int32 = 0
        guard shim_terminal_size(descriptor, &rows, &cols) == 0, rows > 0, cols > 0 else { return nil }
        return (Int(cols), Int(rows))
    }

    private func checkSize() -> InputEvent? {
        guard let size = Self.size(of: outputDescriptor), size.height != height || size.width != width else { return nil }
        resizeterm(Int32(size.height), Int32(size.width))
        height = size.height
        width = size.width
        previous = nil
        return .resized(width: width, height: height)
    }

    private func readKey() -> InputEvent? {
        var value: UInt32 = 0
        let status = shim_get_key(&value)
        if status == ERR { return nil }
        if status == KEY_CODE_YES {
            if Int32(value) == KEY_MOUSE {
                var x: Int32 = 0, y: Int32 = 0
                switch shim_read_mouse(&x, &y) {
                case 1: return .mouse(MouseEvent(.click, x: Int(x), y: Int(y)))
                case 2: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
                case 3: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
                default: return .timeout
                }
            }
            if Int32(value) == KEY_RESIZE {
                width = Int(shim_cols())
                height = Int(shim_lines())
                previous = nil
                return .resized(width: width, height: height)
            }
            return KeyMapping.key(code: Int32(value)).map(InputEvent.key)
        }
        return KeyMapping.key(character: value).map(InputEvent.key)
    }

    /// Restores the terminal. Safe to call more than once and from an exit handler.
    public func stop() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        shim_crash_uninstall()
        TerminalScreen.current = nil
    }
}
