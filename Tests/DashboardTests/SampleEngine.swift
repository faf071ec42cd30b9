import Dashboard
import Foundation
import TestSupport

/// An engine on the shared sample at its fixed clock, and typing into it: what the key-path
/// tests against real data start from.
enum SampleEngine {
    static func make(width: Int = 160, height: Int = 48, isSample: Bool = false) throws -> DashboardEngine {
        var state = DashboardState(width: width, height: height, now: SharedSample.now, sourceLabel: "sample", isSample: isSample)
        state.lastPoll = SharedSample.now
        return try DashboardEngine(store: SharedSample.store, state: state)
    }

    static func type(_ engine: DashboardEngine, _ text: String) throws {
        for c in text { try engine.send(.key(.character(c))) }
    }
}
