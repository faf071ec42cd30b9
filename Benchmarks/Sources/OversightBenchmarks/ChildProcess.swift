import Foundation

/// Runs this benchmark binary again in a child mode, measuring what only a fresh process shows:
/// the time from spawn to exit (the peak memory is reported by the child itself; see refreshLoop).
enum ChildProcess {
    /// How a child ended and how long it took.
    struct Outcome {
        var status: Int32
        var seconds: Double
    }

    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Spawns `program ARGS` (by default this binary, in a child mode) with `dup2`s of parent
    /// descriptors onto child ones (`[child: parent]`).
    static func spawn(_ arguments: [String], program: String = executable, environment: [String: String],
                      descriptors: [Int32: Int32] = [:]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if descriptors[0] == nil { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        if descriptors[1] == nil { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
        for (child, parent) in descriptors.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, parent, child)
        }
        let command = [program] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard status == 0 else { throw BenchError("cannot spawn \(program): \(String(cString: strerror(status)))") }
        return pid
    }

    static func wait(_ pid: pid_t, started: Double) -> Outcome {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return Outcome(status: status, seconds: Clock.now() - started)
    }

    /// Runs `program ARGS` (by default this binary, in a child mode) to its end: a failure unless it
    /// exits with one of `statuses`.
    static func run(_ arguments: [String], program: String = executable, environment: [String: String],
                    statuses: [Int32] = [0]) throws -> Outcome {
        let started = Clock.now()
        let pid = try spawn(arguments, program: program, environment: environment)
        let outcome = wait(pid, started: started)
        guard outcome.status & 0x7f == 0, statuses.contains(outcome.status >> 8) else {
            throw BenchError("\((program as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed with status \(outcome.status)")
        }
        return outcome
    }

    /// `runs` runs of `measured`, each after `prepare` (a fresh store): the median time, every
    /// run's time, and the highest peak memory. One run of a write path swings by ±15% on this
    /// machine (docs/BENCHMARKS.md, "two modes"); the median of three is steadier.
    static func measuredMedian(_ arguments: [String], program: String, environment: [String: String], runs: Int = 3,
                               prepare: () throws -> Void) throws -> (seconds: Double, runs: [Double], peakRSSMB: Double) {
        var samples = Samples(), peak = 0.0
        for _ in 0..<max(1, runs) {
            try prepare()
            let run = try measured(arguments, program: program, environment: environment)
            samples.add(run.seconds)
            peak = max(peak, run.peakRSSMB)
        }
        return (samples.p50, samples.seconds, peak)
    }

    /// Runs `program ARGS` to its end with its peak memory: the child's VmHWM, read every 20 ms
    /// until it exits (its `ru_maxrss` would count this process's memory too: Linux carries the
    /// spawning process's high-water mark across `exec`).
    static func measured(_ arguments: [String], program: String, environment: [String: String]) throws -> (seconds: Double, peakRSSMB: Double) {
        let started = Clock.now()
        let pid = try spawn(arguments, program: program, environment: environment)
        var status: Int32 = 0
        var peakKB = 0.0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { throw BenchError("waiting for \(program): \(String(cString: strerror(errno)))") }
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peakKB = max(peakKB, kilobytes)
            }
            usleep(20_000)
        }
        let seconds = Clock.now() - started
        guard status == 0 else { throw BenchError("\(program) \(arguments.first ?? "") failed with status \(status)") }
        return (seconds, peakKB / 1024)
    }
}
