import Foundation

/// How to reach a tracking server, read from the environment variables MLflow's own client reads
/// (docs/FEEDING.md): a bearer token, or a user name and password; whether to skip TLS
/// verification; a CA bundle to verify against. The secrets are never printed: `description`
/// names only which variables are set.
public struct MLflowCredentials: Sendable, CustomStringConvertible {
    public var token: String?
    public var username: String?
    public var password: String?
    public var insecureTLS = false
    public var certificatePath: String?

    public init(token: String? = nil, username: String? = nil, password: String? = nil, insecureTLS: Bool = false,
                certificatePath: String? = nil) {
        self.token = token
        self.username = username
        self.password = password
        self.insecureTLS = insecureTLS
        self.certificatePath = certificatePath
    }

    public init(environment: [String: String]) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        token = value("MLFLOW_TRACKING_TOKEN")
        username = value("MLFLOW_TRACKING_USERNAME")
        password = value("MLFLOW_TRACKING_PASSWORD")
        insecureTLS = ["true", "1", "yes"].contains(value("MLFLOW_TRACKING_INSECURE_TLS")?.lowercased() ?? "")
        certificatePath = value("MLFLOW_TRACKING_SERVER_CERT_PATH")
    }

    /// The `Authorization` header's value: the token when set (as MLflow's client prefers it),
    /// else basic credentials.
    var authorization: String? {
        if let token { return "Bearer \(token)" }
        guard let username else { return nil }
        return "Basic " + Data("\(username):\(password ?? "")".utf8).base64EncodedString()
    }

    /// The variables that carried the credentials sent, for an error that says which were refused.
    var sentVariables: String? {
        if token != nil { return "MLFLOW_TRACKING_TOKEN" }
        if username != nil { return password == nil ? "MLFLOW_TRACKING_USERNAME (MLFLOW_TRACKING_PASSWORD is not set)"
                                                     : "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD" }
        return nil
    }

    public var description: String { sentVariables.map { "credentials from \($0)" } ?? "no credentials" }
}
