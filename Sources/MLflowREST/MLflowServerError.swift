import Foundation

/// Why reading an MLflow tracking server failed, said so that the user knows what to change: the
/// server (its address without credentials), the path asked, and what to do. Nothing read in a
/// pass that fails is written.
public struct MLflowServerError: Error, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        /// Not an http(s) URL.
        case address
        /// No answer: refused, unresolved, timed out.
        case unreachable
        /// 401 or 403: credentials missing or rejected.
        case credentials
        /// 404 on an API path: an MLflow too old for what Oversight reads.
        case version
        /// An error status that stayed after the retries, or one not worth retrying.
        case status
        /// An answer that is not the JSON the API documents.
        case malformed
        /// Asked for something the server does not hold (an experiment by name).
        case notFound
    }

    public var kind: Kind
    public var message: String
    /// Runs a large pass had committed in earlier batches before it failed (their cursor did not
    /// move, so the next pass reads them again and finds them unchanged).
    public var written = 0

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
