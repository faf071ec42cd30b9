import Foundation
import Portfolio
import Testing
import TestSupport

/// Two processes writing lifecycle events to the same alerts of the same store at the same time:
/// every event lands (none lost to a race on the event sequence) and nobody sees "database is locked".
@Suite("oversight alert: concurrent writers")
struct ConcurrentWritersTests {
    /// What the writer processes printed and how they ended, filled from two threads.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Int: Result<ProcessResult, any Error>] = [:]

        func set(_ index: Int, _ result: Result<ProcessResult, any Error>) {
            lock.withLock { results[index] = result }
        }

        func get(_ index: Int) -> Result<ProcessResult, any Error>? {
            lock.withLock { results[index] }
        }
    }

    /// One writer: waits at the start line, then appends notes `W-1…W-N` alternately to alerts A
    /// and B, one `oversight alert note` process per note; prints its start and end times (ns).
    static let writerScript = """
        touch "$READY"
        while [ ! -e "$GO" ]; do sleep 0.01; done
        echo "start $(date +%s%N)"
        failures=0
        i=1
        while [ "$i" -le "$N" ]; do
          "$BIN" alert note "$A" --note "$W-$i" --by "$W" --store "$S" >/dev/null || failures=$((failures + 1))
          "$BIN" alert note "$B" --note "$W-$i" --by "$W" --store "$S" >/dev/null || failures=$((failures + 1))
          i=$((i + 1))
        done
        echo "end $(date +%s%N)"
        echo "failures $failures"
        [ "$failures" -eq 0 ]
        """

    static func waitFor(_ paths: [String], timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if paths.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) { return true }
            usleep(10_000)
        }
        return false
    }

    static func stamp(_ name: String, in output: String) -> UInt64? {
        output.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { UInt64($0.dropFirst(name.count + 1)) }
    }

    @Test("Two processes appending 25 notes each to the same two alerts at once: all 100 land, all exit 0, none says locked",
          .timeLimit(.minutes(3)))
    func twoWritersLoseNothing() throws {
        let (environment, store) = try CLIAlertTests.setUp("cli-concurrent")
        let ids = Array(try CLIAlertTests.ids(status: "open", store, environment.variables).prefix(2))
        try #require(ids.count == 2)
        let eventsBefore = try Dictionary(uniqueKeysWithValues: ids.map { id in
            (id, CLIAlertTests.events(try CLIAlertTests.alert(id, store, environment.variables)).count)
        })
        let perProcess = 25
        let writers = ["p0", "p1"]
        let gate = environment.file("gate")
        try FileManager.default.createDirectory(atPath: gate, withIntermediateDirectories: true)

        let outcomes = Outcomes()
        let group = DispatchGroup()
        for (index, writer) in writers.enumerated() {
            var variables = environment.variables
            variables["BIN"] = RepoPaths.binary
            variables["A"] = ids[0]
            variables["B"] = ids[1]
            variables["S"] = store
            variables["W"] = writer
            variables["N"] = String(perProcess)
            variables["READY"] = gate + "/ready-" + writer
            variables["GO"] = gate + "/go"
            let script = Self.writerScript, environment = variables
            DispatchQueue.global().async(group: group) {
                outcomes.set(index, Result { try ProcessRunner.run("/bin/sh", ["-c", script], environment: environment, timeout: 150) })
            }
        }
        // Both shells are running and waiting: start them together.
        let ready = Self.waitFor(writers.map { gate + "/ready-" + $0 }, timeout: 30)
        FileManager.default.createFile(atPath: gate + "/go", contents: nil)
        #expect(ready, "both writers reached the start line")
        #expect(group.wait(timeout: .now() + 170) == .success, "the writers finished")

        var spans: [(start: UInt64, end: UInt64)] = []
        for (index, writer) in writers.enumerated() {
            let result = try #require(try outcomes.get(index)?.get(), "\(writer) did not run")
            #expect(result.status == 0, "\(writer) exited \(result.status): \(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("failures 0"), "\(writer): \(result.stdout)")
            #expect(!result.stderr.lowercased().contains("locked"), "\(writer): \(result.stderr)")
            #expect(!result.stderr.lowercased().contains("busy"), "\(writer): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(writer): \(result.stderr)")
            if let start = Self.stamp("start", in: result.stdout), let end = Self.stamp("end", in: result.stdout) {
                spans.append((start, end))
            }
        }
        // The two writers really ran at the same time.
        try #require(spans.count == 2, "both writers printed their start and end")
        #expect(spans[0].start < spans[1].end && spans[1].start < spans[0].end, "the writers overlapped: \(spans)")

        let alerts = try CLIAlertTests.alerts(store, environment.variables)
        for id in ids {
            let alert = try #require(alerts.first { $0["id"] as? String == id })
            let events = CLIAlertTests.events(alert)
            #expect(events.count == eventsBefore[id]! + writers.count * perProcess, "\(id): \(events.count) events")
            for writer in writers {
                let mine = events.filter { ($0["note"] as? String)?.hasPrefix(writer + "-") == true }
                let expected = (1...perProcess).map { "\(writer)-\($0)" }
                // Every note exactly once, in the order its process wrote them, by that process.
                #expect(mine.compactMap { $0["note"] as? String } == expected, "\(id): \(writer)'s notes")
                #expect(mine.allSatisfy { $0["kind"] as? String == "note" && $0["actor"] as? String == writer })
            }
        }
    }
}
