import Foundation
import Testing
import TestSupport

/// `oversight doctor [--repair]` through the real binary, and how every command treats a store
/// that is hurt: skewed totals, a damaged page, an empty file, a folder.
@Suite("doctor and hurt stores")
struct CLIDoctorTests {
    static func run(_ arguments: [String], _ environment: TestEnvironment) throws -> ProcessResult {
        try ProcessRunner.oversight(arguments, environment: environment.variables)
    }

    @Test("After another program's REPLACE, check and status count a critical alert twice and doctor says why; doctor --repair makes them right")
    func replaceSkewsCheck() throws {
        let (environment, store) = try CLIWriterTests.setUp("doctor-cli")
        #expect(try Self.run(["doctor", "--store", store], environment).status == 0)
        try ForeignClient.execute(store, """
            INSERT OR REPLACE INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status, opened_at)
            SELECT external_id, model_id, feature, method, score, threshold, severity, status, opened_at FROM drift_alerts
            WHERE status = 'open' AND severity = 'critical' ORDER BY id LIMIT 1
            """)
        func criticalCounts() throws -> (check: String, status: Int) {
            let check = try Self.run(["check", "--store", store], environment).stdout
            let status = try Self.run(["status", "--json", "--store", store], environment).stdout
            let object = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
            return (check, try #require((object["portfolio"] as? [String: Any])?["active_critical_alerts"] as? Int ?? object["active_critical_alerts"] as? Int))
        }
        // check and status read the same kept totals (status per team since v16), so both count
        // the replaced alert twice: its delete fired no trigger, its insert did.
        let skewed = try criticalCounts()
        #expect(skewed.check.contains(" - \(skewed.status) critical"), "\(skewed)")

        let doctor = try Self.run(["doctor", "--store", store], environment)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("kept totals: alert_counts differs from the alerts it counts"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("(repairable: doctor --repair)"))
        let repair = try Self.run(["doctor", "--repair", "--store", store], environment)
        #expect(repair.status == 0, "\(repair.stdout)\(repair.stderr)")
        #expect(repair.stdout.contains("repaired: rebuilt the kept totals"))
        #expect(repair.stdout.contains("healthy"))
        let repaired = try criticalCounts()
        #expect(repaired.check.contains(" - \(repaired.status) critical"), "\(repaired)")
        #expect(skewed.status == repaired.status + 1, "the REPLACE did not skew the kept totals: \(skewed) \(repaired)")
        let counted = try ForeignClient.strings(store, """
            SELECT CAST(count(*) AS TEXT) FROM drift_alerts WHERE severity = 'critical' AND (status IN ('open', 'acknowledged')
              OR (status = 'snoozed' AND snoozed_until <= CAST(strftime('%s', 'now') AS INTEGER)))
            """)
        #expect(counted == ["\(repaired.status)"], "\(counted) \(repaired)")
        #expect(try Self.run(["doctor", "--store", store], environment).status == 0)
    }

    @Test("A damaged page is reported by doctor and by every command that reads it, never as success")
    func damagedPage() throws {
        let (environment, store) = try CLIWriterTests.setUp("doctor-damaged")
        // The root pages of the tables every command below reads (pages spread over the file hit
        // only what none of them reads once the file's layout moved).
        let pageSizeText = try ForeignClient.strings(store, "SELECT CAST(page_size AS TEXT) FROM pragma_page_size").first
        let pageSize = try #require(pageSizeText.flatMap { Int($0) })
        let roots = try ForeignClient.strings(store, """
            SELECT CAST(rootpage AS TEXT) FROM sqlite_master WHERE type = 'table' AND name IN ('models', 'pipeline_runs', 'drift_alerts')
            """).compactMap { Int($0) }
        #expect(roots.count == 3)
        let handle = try #require(FileHandle(forUpdatingAtPath: store))
        for page in roots {
            try handle.seek(toOffset: UInt64((page - 1) * pageSize + 100))
            handle.write(Data(repeating: 0xFF, count: pageSize / 2))
        }
        try handle.close()
        let doctor = try Self.run(["doctor", "--store", store], environment)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("integrity: the file is damaged"), "\(doctor.stdout)")
        var failed = 0
        for arguments in [["list", "runs"], ["list", "models"], ["list", "alerts"], ["status"], ["snapshot"]] {
            let result = try Self.run(arguments + ["--store", store], environment)
            if result.status != 0 {
                failed += 1
                #expect(result.stderr.contains("is damaged") && result.stderr.contains("oversight doctor"), "\(arguments): \(result.stderr)")
            }
        }
        #expect(failed > 0, "no command noticed the damage")
    }

    @Test("An empty file is not turned into a store by a read; init makes it one. A folder is said to be a folder")
    func emptyFileAndFolder() throws {
        let environment = TestEnvironment("doctor-empty")
        let empty = environment.root.write("empty.sqlite", "")
        for arguments in [["list", "models"], ["status", "--json"], ["check"], ["snapshot"], ["doctor"], ["record", "metric", "--model", "m", "--name", "n", "--value", "1"]] {
            let result = try Self.run(arguments + ["--store", empty], environment)
            #expect(result.status != 0, "\(arguments)")
            #expect((result.stderr + result.stdout).contains("empty.sqlite is an empty file (0 bytes), not an Oversight store"),
                    "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
        #expect(!FileManager.default.fileExists(atPath: empty + "-wal"))
        let made = try Self.run(["init", empty], environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try Self.run(["doctor", "--store", empty], environment).status == 0)

        for arguments in [["list", "models"], ["record", "metric", "--model", "m", "--name", "n", "--value", "1"], ["doctor"]] {
            let result = try Self.run(arguments + ["--store", environment.root.path], environment)
            #expect(result.status != 0)
            #expect(result.stderr.contains("\(environment.root.path) is a folder, not a store file"), "\(arguments): \(result.stderr)")
        }
    }
}
