import Foundation
import PortfolioStore

/// Finds where a panel's selected item went when a load did not bring it into the window: near
/// where it was, then from the top of the panel's order, up to `searchDepth` rows — each search
/// a window of the panel's own indexed order, so it costs what a screen of rows costs, also on a
/// million runs. Beyond that it gives up (the view goes to the first row and says so).
enum SelectionLocator {
    static let chunk = 400
    static let searchDepth = 2_000

    /// `total` is the panel's row count, `exact` false when it is only a lower bound (a filter on
    /// runs stops counting at a cap).
    static func locate(_ key: String, in panel: PanelID, near hint: Int, total: Int, exact: Bool = true, query: PanelQuery,
                       now: Date, reader: PortfolioReader) throws -> DashboardData.Whereabouts {
        let near = max(0, min(hint - chunk / 2, total - chunk))
        if let found = try keys(panel, offset: near, limit: chunk, query: query, now: now, reader: reader).firstIndex(of: key) {
            return .at(near + found)
        }
        var offset = 0
        while offset < min(total, searchDepth) {
            if offset + chunk <= near || offset >= near + chunk,
               let found = try keys(panel, offset: offset, limit: chunk, query: query, now: now, reader: reader).firstIndex(of: key) {
                return .at(offset + found)
            }
            offset += chunk
        }
        guard try exists(key, in: panel, reader: reader) else { return .deleted }
        return exact && total <= searchDepth ? .leftView : .beyondSearch
    }

    /// The identities of `limit` rows of the panel's order from `offset`.
    static func keys(_ panel: PanelID, offset: Int, limit: Int, query: PanelQuery, now: Date, reader: PortfolioReader) throws -> [String] {
        switch panel {
        case .models: try reader.modelSummaries(now: now, offset: offset, limit: limit, query: query).map(\.name)
        case .runs: try reader.runSummaries(offset: offset, limit: limit, query: query).map(\.externalID)
        case .alerts: try reader.alertSummaries(now: now, offset: offset, limit: limit, query: query).map(\.externalID)
        case .maturity: try reader.teamMaturity(offset: offset, limit: limit, query: query).map(\.team)
        }
    }

    static func exists(_ key: String, in panel: PanelID, reader: PortfolioReader) throws -> Bool {
        switch panel {
        case .models: try reader.modelID(key) != nil
        case .runs: try reader.run(externalID: key) != nil
        case .alerts: try reader.alert(externalID: key) != nil
        case .maturity: try reader.teamID(key) != nil
        }
    }
}
