import Foundation
import Glibc
import Testing
import TestSupport

/// A producer that keeps `oversight ingest -` open for as long as it likes (a monitor that emits
/// an event now and then) holds no lock between its batches: other writers and a dashboard on the
/// same store keep working meanwhile, and the stream says it was committed in batches.
@Suite("A slow streaming writer", .serialized)
struct SlowWriterTests {
    /// `oversight ingest -` reading a pipe this test writes to.
    final class StreamingIngest {
        let process = Process()
        let input: (read: FileHandle, write: FileHandle)
        let output: (read: FileHandle, write: FileHandle)

        /// A pipe whose ends are never inherited by other programs (tmux's server, started later
        /// by this test or by one running beside it, outlives its command: a copy of the write end
        /// there would keep ingest's input open). Process gives the child its own copies.
        static func pipe() throws -> (read: FileHandle, write: FileHandle) {
            var ends: [Int32] = [0, 0]
            // pipe2(O_CLOEXEC) is not visible to Swift here; set the flag right away instead.
            guard Glibc.pipe(&ends) == 0 else { throw PipeError() }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            return (FileHandle(fileDescriptor: ends[0], closeOnDealloc: true), FileHandle(fileDescriptor: ends[1], closeOnDealloc: true))
        }

        init(store: String, environment: [String: String]) throws {
            input = try Self.pipe()
            output = try Self.pipe()
            process.executableURL = URL(fileURLWithPath: RepoPaths.binary)
            process.arguments = ["ingest", "--store", store, "-"]
            process.environment = environment
            process.standardInput = input.read
            process.standardOutput = output.write
            process.standardError = output.write
            try process.run()
            try input.read.close()
            try output.write.close()
        }

        func send(_ line: String) {
            input.write.write(Data((line + "\n").utf8))
        }

        /// Writes raw text (a line may be cut anywhere).
        func sendRaw(_ text: String) {
            input.write.write(Data(text.utf8))
        }

        /// Writes `lines` as fast as ingest reads them, on another thread, then closes the stream.
        func sendAllAndClose(_ lines: [String]) {
            let handle = input.write
            let text = Data(lines.map { $0 + "\n" }.joined().utf8)
            Thread.detachNewThread {
                handle.write(text)
                try? handle.close()
            }
        }

        /// Closes the stream and returns what ingest printed and its exit status.
        func finish(closing: Bool = true) -> (String, Int32) {
            if closing { try? input.write.close() }
            let text = String(decoding: output.read.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (text, process.terminationStatus)
        }
    }

    struct PipeError: Error {}

    static func metric(_ name: String, _ value: Double) -> String {
        #"{"type":"metric","model":"card-fraud-detector","name":"\#(name)","value":\#(value),"at":"2026-01-12T08:00:00Z"}"#
    }

    @Test("While ingest - waits on its producer, four writers and a dashboard's acknowledgement all land")
    func othersKeepWorking() throws {
        let environment = TestEnvironment("slow-writer")
        let store = try TmuxDashboardTests.makeStore(environment)
        let ingest = try StreamingIngest(store: store, environment: environment.variables)
        ingest.send(Self.metric("stream.first", 1))
        // The first line is committed on its own, since nothing follows it yet.
        var committed = false
        for _ in 0..<200 where !committed {
            committed = try ForeignClient.strings(store, "SELECT name FROM metric_points WHERE name = 'stream.first'").count == 1
            if !committed { usleep(50_000) }
        }
        #expect(committed, "the stream's first line was not committed while the stream stayed open")

        // Four other writers, one after another, while the stream is still open.
        for index in 0..<4 {
            let result = try ProcessRunner.oversight(["record", "metric", "--store", store, "--model", "card-fraud-detector",
                                                      "--name", "writer.\(index)", "--value", "\(index)"],
                                                     environment: environment.variables)
            #expect(result.status == 0, "writer \(index) failed while the stream was open: \(result.stderr)")
        }

        // A dashboard acknowledges an alert meanwhile.
        var variables = environment.variables
        variables["USER"] = "slow-writer-test"
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store], environment: variables, width: 160, height: 48)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3")
        _ = try tmux.waitFor("▶ 3 Drift Alerts")
        try tmux.send("a")
        let acknowledged = try tmux.waitFor(timeout: 20) { $0.contains("acknowledged by slow-writer-test") || $0.contains("not saved") }
        #expect(acknowledged.screen.contains("acknowledged by slow-writer-test"), "\(acknowledged.screen)")

        ingest.send(Self.metric("stream.second", 2))
        let (text, status) = ingest.finish()
        #expect(status == 0, "\(text)")
        #expect(text.contains("ingested 2 lines in 2 batches (a stream is committed as it arrives)"), "\(text)")
        let names = try ForeignClient.strings(store, "SELECT name FROM metric_points WHERE name LIKE 'stream.%' OR name LIKE 'writer.%' ORDER BY name")
        #expect(names == ["stream.first", "stream.second", "writer.0", "writer.1", "writer.2", "writer.3"])
    }

    @Test("A bad line stops a stream after committing the lines before it, and says which were committed")
    func badLineStopsStream() throws {
        let environment = TestEnvironment("stream-stop")
        let store = try TmuxDashboardTests.makeStore(environment)
        let ingest = try StreamingIngest(store: store, environment: environment.variables)
        ingest.send(Self.metric("ok.one", 1))
        ingest.send(Self.metric("ok.two", 2))
        ingest.send(#"{"type":"metric","model":"card-fraud-detector","name":"bad","value":"high"}"#)
        ingest.send(Self.metric("never", 3))
        let (text, status) = ingest.finish()
        #expect(status == 1)
        #expect(text.contains("ingest stopped at stdin:3: line 3: field 'value'"), "\(text)")
        #expect(text.contains("the 2 lines before it were committed"), "\(text)")
        let names = try ForeignClient.strings(store, "SELECT name FROM metric_points WHERE name IN ('ok.one', 'ok.two', 'bad', 'never') ORDER BY name")
        #expect(names == ["ok.one", "ok.two"])
    }

    /// Polls the store until `name` is there (the stream's batch was committed) or 10 s pass.
    static func waitForPoint(_ name: String, in store: String) throws -> Bool {
        for _ in 0..<200 {
            if try ForeignClient.strings(store, "SELECT name FROM metric_points WHERE name = '\(name)'").count == 1 { return true }
            usleep(50_000)
        }
        return false
    }

    @Test("A line that has arrived is committed even while the next one is still half-written")
    func partialLineDoesNotHoldBack() throws {
        let environment = TestEnvironment("stream-partial")
        let store = try TmuxDashboardTests.makeStore(environment)
        let ingest = try StreamingIngest(store: store, environment: environment.variables)
        let second = Self.metric("partial.second", 2)
        ingest.sendRaw(Self.metric("partial.first", 1) + "\n" + second.prefix(40))
        #expect(try Self.waitForPoint("partial.first", in: store), "the first line waited for the second one to end")
        ingest.sendRaw(String(second.dropFirst(40)) + "\n")
        let (text, status) = ingest.finish()
        #expect(status == 0, "\(text)")
        #expect(try Self.waitForPoint("partial.second", in: store))
    }

    @Test("A fast stream of 40 000 events leaves the lock free between its batches: other writers get in while it runs")
    func fastStreamIsFair() throws {
        let environment = TestEnvironment("stream-fast")
        let store = try TmuxDashboardTests.makeStore(environment)
        let ingest = try StreamingIngest(store: store, environment: environment.variables)
        ingest.sendAllAndClose((0..<40_000).map { index in
            #"{"type":"metric","model":"card-fraud-detector","name":"fast.\#(index % 40)","value":\#(index),"at":"2025-06-01T00:00:\#(String(format: "%02d", index % 60))Z"}"#
        })
        var done = 0
        while done < 3 {
            let result = try ProcessRunner.oversight(["record", "metric", "--store", store, "--model", "card-fraud-detector",
                                                      "--name", "between.\(done)", "--value", "1"], environment: environment.variables)
            #expect(result.status == 0, "a writer failed while the stream ran: \(result.stderr)")
            done += 1
        }
        // Had the stream kept the lock, the writers would have got in only once it ended.
        #expect(ingest.process.isRunning, "the writers got in only after the stream")
        let (text, status) = ingest.finish(closing: false)
        #expect(status == 0, "\(text)")
        #expect(text.contains("ingested 40000 lines in"), "\(text)")
    }
}
