import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// One tracking server's REST API 2.0 (`/api/2.0/mlflow/…`): requests with the user's
/// credentials, answers decoded, failures turned into `MLflowServerError`s that say what to do.
/// 429 and 5xx answers are retried with a doubling backoff (honouring `Retry-After`), then fail.
final class MLflowConnection: @unchecked Sendable {
    /// The URL as given, without credentials and trailing slash: what messages show.
    let shown: String
    private let base: String
    private let credentials: MLflowCredentials
    private let client: HTTPClient
    /// Retries after the first try of a request answered 429 or 5xx.
    let retries: Int
    /// The first retry's wait in seconds; each next one waits twice as long.
    let backoff: Double
    /// Requests in flight at once when many are asked together (metric histories).
    static let parallel = 8

    init(url: String, credentials: MLflowCredentials, retries: Int = 4, backoff: Double = 0.5) throws {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parts.host, !host.isEmpty
        else {
            throw MLflowServerError(.address, "'\(url)' is not a tracking server's URL: expected http://HOST[:PORT] or https://HOST[:PORT]")
        }
        var credentials = credentials
        // Credentials written into the URL count as basic ones, and never appear in a message.
        if let user = parts.user, credentials.username == nil, credentials.token == nil {
            credentials.username = user.removingPercentEncoding ?? user
            credentials.password = parts.password?.removingPercentEncoding ?? parts.password
        }
        shown = Self.shown(parts)
        base = shown
        self.credentials = credentials
        self.retries = retries
        self.backoff = backoff
        var tls = TLSConfiguration.makeClientConfiguration()
        if credentials.insecureTLS { tls.certificateVerification = .none }
        if let path = credentials.certificatePath {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw MLflowServerError(.address, "MLFLOW_TRACKING_SERVER_CERT_PATH names \(path), which cannot be read")
            }
            tls.trustRoots = .file(path)
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton,
                            configuration: HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .follow(max: 5, allowCycles: false),
                                                                    timeout: .init(connect: .seconds(10), read: .seconds(120))))
    }

    deinit { try? client.syncShutdown() }

    /// A URL as messages show it (and requests start from): without credentials, query, fragment
    /// and trailing slash.
    static func shown(_ url: URLComponents) -> String {
        var parts = url
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return (parts.string ?? "(a URL)").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    // MARK: - Requests

    /// `GET /api/2.0/mlflow/PATH?QUERY` (or under `/ajax-api/`, MLflow's own UI's), decoded as `T`.
    func get<T: Decodable>(_ path: String, _ query: [(String, String)] = [], prefix: String = "api", as type: T.Type = T.self) throws -> T {
        try decode(try send(request(path, query: query, prefix: prefix)), path: path)
    }

    /// `POST /api/2.0/mlflow/PATH` with a JSON body, decoded as `T`.
    func post<T: Decodable>(_ path: String, _ body: [String: Any], as type: T.Type = T.self) throws -> T {
        try decode(try send(request(path, body: body)), path: path)
    }

    /// Many GETs, `parallel` in flight at once, their answers in the order asked; nil for one the
    /// server says it does not hold (404 with MLflow's error code). An answer that failed (or
    /// must be retried) is asked again alone, with the retries.
    func getMany<T: Decodable>(_ path: String, _ queries: [[(String, String)]], as type: T.Type = T.self) throws -> [T?] {
        var results: [T?] = []
        results.reserveCapacity(queries.count)
        var start = 0
        while start < queries.count {
            let window = try queries[start..<min(queries.count, start + Self.parallel)].map { try request(path, query: $0) }
            let futures = window.map { client.execute(request: $0) }
            for (request, future) in zip(window, futures) {
                do {
                    let body: ByteBuffer?
                    if let response = try? future.wait(), response.status == .ok {
                        body = response.body
                    } else {
                        body = try send(request)
                    }
                    results.append(try decode(body, path: path) as T)
                } catch let error as MLflowServerError where error.kind == .notFound {
                    results.append(nil)
                }
            }
            start += Self.parallel
        }
        return results
    }

    private func request(_ path: String, query: [(String, String)] = [], body: [String: Any]? = nil,
                         prefix: String = "api") throws -> HTTPClient.Request {
        var components = URLComponents(string: "\(base)/\(prefix)/2.0/mlflow/\(path)")
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        // `+` is a space to some servers' query parsers: encode it.
        let encoded = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = encoded
        guard let url = components?.url?.absoluteString else {
            throw MLflowServerError(.address, "cannot make a request URL for \(shown) and \(path)")
        }
        var headers = HTTPHeaders([("User-Agent", "oversight"), ("Accept", "application/json")])
        if let authorization = credentials.authorization { headers.add(name: "Authorization", value: authorization) }
        var payload: HTTPClient.Body?
        if let body {
            headers.add(name: "Content-Type", value: "application/json")
            payload = .bytes(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
        }
        return try HTTPClient.Request(url: url, method: body == nil ? .GET : .POST, headers: headers, body: payload)
    }

    /// One request with the retries; the body of a 200 answer.
    private func send(_ request: HTTPClient.Request) throws -> ByteBuffer? {
        let path = request.url.path.replacingOccurrences(of: "/api/2.0/mlflow/", with: "")
            .replacingOccurrences(of: "/ajax-api/2.0/mlflow/", with: "")
        var attempt = 0
        while true {
            let response: HTTPClient.Response
            do {
                response = try client.execute(request: request).wait()
            } catch {
                throw unreachable(error)
            }
            if response.status == .ok { return response.body }
            let retryable = response.status == .tooManyRequests || response.status.code >= 500
            guard retryable, attempt < retries else { throw failure(response, path: path, attempts: attempt + 1) }
            let wait = backoff * pow(2, Double(attempt))
            let asked = response.headers.first(name: "Retry-After").flatMap(Double.init) ?? 0
            Thread.sleep(forTimeInterval: min(30, max(wait, asked)))
            attempt += 1
        }
    }

    private func decode<T: Decodable>(_ body: ByteBuffer?, path: String) throws -> T {
        let data = Self.nonFiniteAsNull(body.map { Data($0.readableBytesView) } ?? Data())
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            let why: String
            switch error {
            case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty: why = "not JSON, or cut short"
            case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
                 DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
                why = "at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
            default: why = "\(error)"
            }
            throw MLflowServerError(.malformed, "\(shown) answered \(path) with what is not the MLflow API's JSON (\(why); \(data.count) bytes)")
        }
    }

    /// `data` with the bare `NaN`, `Infinity` and `-Infinity` outside strings (which MLflow's
    /// bulk history writes, and JSON does not allow) as `null`: values the mapping drops anyway.
    static func nonFiniteAsNull(_ data: Data) -> Data {
        guard data.contains(UInt8(ascii: "N")) || data.contains(UInt8(ascii: "I")) else { return data }
        let bytes = [UInt8](data)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var inString = false, escaped = false
        var index = 0
        scanning: while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else {
                for token in ["-Infinity", "Infinity", "NaN"] where bytes[index...].starts(with: token.utf8) {
                    output += Array("null".utf8)
                    index += token.utf8.count
                    continue scanning
                }
            }
            output.append(byte)
            index += 1
        }
        return Data(output)
    }

    // MARK: - Failures

    private func unreachable(_ error: Error) -> MLflowServerError {
        var message = "cannot reach the MLflow tracking server at \(shown): \(error)"
        if error is NIOSSLError || "\(error)".contains("handshake") || "\(error)".lowercased().contains("certificate") {
            message += " (for a private CA set MLFLOW_TRACKING_SERVER_CERT_PATH; MLFLOW_TRACKING_INSECURE_TLS=true skips verification)"
        }
        return MLflowServerError(.unreachable, message)
    }

    /// MLflow's own error answer: `{"error_code": …, "message": …}`.
    private struct ErrorAnswer: Decodable {
        var error_code: String?
        var message: String?
    }

    private func failure(_ response: HTTPClient.Response, path: String, attempts: Int) -> MLflowServerError {
        let data = response.body.map { Data($0.readableBytesView) } ?? Data()
        let answer = try? JSONDecoder().decode(ErrorAnswer.self, from: data)
        let said = answer.map { [$0.error_code, $0.message].compactMap { $0 }.joined(separator: ": ") }
            ?? String(decoding: data.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let status = "\(response.status.code) \(response.status.reasonPhrase)"
        switch response.status.code {
        case 401:
            if let sent = credentials.sentVariables {
                return MLflowServerError(.credentials, "\(shown) rejected the credentials in \(sent) (\(status))")
            }
            return MLflowServerError(.credentials, "\(shown) asks for credentials (\(status)): set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD")
        case 403:
            let who = credentials.sentVariables.map { "the credentials in \($0)" } ?? "no credentials (none of MLFLOW_TRACKING_TOKEN, MLFLOW_TRACKING_USERNAME is set)"
            return MLflowServerError(.credentials, "\(shown) refused \(path) with \(who) (\(status)\(said.isEmpty ? "" : ": \(said)"))")
        case 404 where answer?.error_code == nil:
            return MLflowServerError(.version, "\(shown) has no /api/2.0/mlflow/\(path) (\(status)): Oversight reads the REST API of MLflow 2.0 or later; check that the URL is the tracking server's root and its version")
        case 404:
            return MLflowServerError(.notFound, "\(shown) holds no such thing for \(path) (\(status)\(said.isEmpty ? "" : ": \(said)"))")
        default:
            let tries = attempts > 1 ? " after \(attempts) tries" : ""
            return MLflowServerError(.status, "\(shown) answered \(path) with \(status)\(tries)\(said.isEmpty ? "" : ": \(said)")")
        }
    }
}
