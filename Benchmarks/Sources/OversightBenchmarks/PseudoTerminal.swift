import Foundation

/// A pseudo-terminal of a given size: the master side this process reads, and the slave side a
/// child is started on, as a terminal emulator would give it.
struct PseudoTerminal {
    let master: Int32
    let slave: Int32

    init(width: Int, height: Int) throws {
        // posix_openpt and friends are not imported into Swift on Linux; their ioctls are what
        // they do: unlock the slave (TIOCSPTLCK) and ask its number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw BenchError("no pseudo-terminal available")
        }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            close(master)
            throw BenchError("cannot open the pseudo-terminal's slave")
        }
        self.master = master
        self.slave = slave
    }

    /// Reads what has arrived within `timeout` milliseconds; the bytes read (0: nothing came).
    func drain(into buffer: inout [UInt8], timeout: Int32) -> Int {
        var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, timeout) > 0 else { return 0 }
        return max(0, read(master, &buffer, buffer.count))
    }

    /// Counts every byte the child writes for `seconds`.
    func count(for seconds: Double) -> Int {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var total = 0
        let end = Clock.now() + seconds
        while Clock.now() < end {
            total += drain(into: &buffer, timeout: Int32(max(1, min(100, (end - Clock.now()) * 1000))))
        }
        return total
    }

    /// Types `text` as keys.
    func type(_ text: String) {
        _ = text.withCString { write(master, $0, strlen($0)) }
    }

    func closeSlave() { close(slave) }

    func closeMaster() { close(master) }
}
