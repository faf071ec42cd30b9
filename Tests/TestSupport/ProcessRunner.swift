import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outcome of running a program to completion.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the real `oversight` binary (or any program) with a given environment and waits for it.
///
/// Uses posix_spawn and waitpid rather than Foundation's Process: a program that leaves a daemon
/// behind (tmux starts its server) keeps inherited descriptors open, and Process then never sees
/// the program end. Output goes to files, which never block the writer.
public enum ProcessRunner {
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                           stdin: String? = nil, currentDirectory: String? = nil,
                           timeout: TimeInterval = 120) throws -> ProcessResult {
        let folder = TemporaryFolder("process")
        let inPath = folder.write("stdin", stdin ?? "")
        let outPath = folder.file("stdout"), errPath = folder.file("stderr")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // glibc's addchdir is not exposed to Swift here; a shell changes folder, then execs.
        var command = [executable] + arguments
        if let currentDirectory { command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory] + command }

        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no signal blocked and every signal at its default, whatever the
        // test runner has set for itself.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw ProcessRunnerError(message: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(
            status: exitStatus,
            stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
            stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }

    /// Runs `oversight ARGS…`.
    public static func oversight(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                                 timeout: TimeInterval = 120) throws -> ProcessResult {
        try run(RepoPaths.binary, arguments, environment: environment, stdin: stdin, timeout: timeout)
    }
}

public struct ProcessRunnerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
