import AsyncHTTPClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// `HTTPTransport` over AsyncHTTPClient (SwiftNIO), the production transport.
///
/// Chosen over FoundationNetworking's `URLSession`, which on Linux waited out its whole request timeout (30 s, with
/// the CPU busy) when Keap's side dropped a connection after applying a call, and re-sent POSTs without their body
/// after such a drop (README, "The Keap client's HTTP"). Here a closed connection fails the request the moment the
/// event loop sees it, a wait for an answer is an epoll wait (no CPU), and a request's body is a buffer this
/// transport hands over whole on every send: nothing is re-sent behind the client's back (AsyncHTTPClient never
/// retries a request; the client's own retries decide, by `CallClassification`).
///
/// Ownership: one transport per client, one client per process. The transport owns its `HTTPClient` (a connection
/// pool on NIO's shared event loops) and must be shut down before it goes away: `KeapClient.shutdown()` does it, and
/// the CLI and the tests call that when done. Should an owner forget, `deinit` starts the shutdown itself, so a
/// forgotten client closes its connections instead of leaking them or tripping AsyncHTTPClient's debug assertion.
package final class AsyncHTTPClientTransport: HTTPTransport {
    private let client: HTTPClient
    private let requestTimeout: TimeAmount
    /// Set once `shutdown()` has run (or is running), so it happens once, whoever asks first.
    private let shutDown = Mutex(false)
    /// Answers larger than this are refused as unreadable rather than buffered: a Keap page of 1,000 orders is a few
    /// MB, so this only stops a runaway server from exhausting memory.
    static let maximumAnswerBytes = 64 << 20

    /// `requestTimeout` bounds the wait for the connection and every wait for the next bytes of the answer; the whole
    /// try is also bounded by twice that, so a server trickling bytes cannot hold a call forever.
    package init(requestTimeout: Duration) {
        let timeout = Self.timeAmount(requestTimeout)
        self.requestTimeout = timeout
        var tls = TLSConfiguration.makeClientConfiguration()
        // The system's trust roots and full verification (host name included) are NIOSSL's defaults; stated here
        // because the real Keap is only ever reached over https. TLS 1.2 is the oldest version Keap's edge offers.
        tls.trustRoots = .default
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            // A redirect is not something Keap's API does; following one could re-send a POST elsewhere. The 3xx
            // reaches the client, which refuses it (an unknown outcome for a POST).
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: timeout, read: timeout, write: timeout),
            connectionPool: HTTPClient.Configuration.ConnectionPool(
                idleTimeout: .seconds(60),
                // The flush runs at most `--concurrency` streams at once (default 4), each one call at a time.
                concurrentHTTP1ConnectionsPerHostSoftLimit: 16
            ),
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
        // HTTP/1.1 only: it is the protocol every test and benchmark exercises against the sandbox, and a dropped
        // HTTP/2 connection would take every call multiplexed on it down at once.
        configuration.httpVersion = .http1Only
        // A connection that cannot be opened fails the request at once (a `cannotConnect`, retried by the client
        // with its backoff) instead of being retried silently inside the pool until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    deinit {
        let running = shutDown.withLock { done in
            defer { done = true }
            return !done
        }
        // Non-blocking: the pool closes its connections on the event loop, and the HTTPClient stays alive until then.
        if running { client.shutdown { _ in } }
    }

    /// Closes every pooled connection; later sends fail with `cannotConnect`. Safe to call more than once.
    package func shutdown() async {
        let running = shutDown.withLock { done in
            defer { done = true }
            return !done
        }
        guard running else { return }
        // The only error is "already shut down", which the flag above rules out.
        try? await client.shutdown()
    }

    package func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers {
            outgoing.headers.replaceOrAdd(name: name, value: value)
        }
        if !request.body.isEmpty {
            // The whole body as one buffer with its length: it is sent complete or the try fails, never empty.
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let response = try await client.execute(outgoing, deadline: .now() + requestTimeout * 2)
            let body = try await response.body.collect(upTo: Self.maximumAnswerBytes)
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                // Repeated header fields combine with ", " (RFC 9110 5.3), as URLSession reported them.
                headers[key] = headers[key].map { $0 + ", " + value } ?? value
            }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
        } catch {
            throw Self.transportError(for: error)
        }
    }

    /// Whether the request can have reached the server decides the kind (and so whether a POST may be re-sent).
    static func transportError(for error: any Error) -> TransportError {
        if let error = error as? HTTPClientError {
            let detail = "AsyncHTTPClient \(error.shortDescription)"
            switch error {
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .connectTimeout, .tlsHandshakeTimeout,
                 .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .alreadyShutdown, .getConnectionFromPoolTimeout:
                // The request was never written to a connection.
                return TransportError(.cannotConnect, detail: detail)
            case .readTimeout, .writeTimeout, .deadlineExceeded:
                return TransportError(.timedOut, detail: detail)
            case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch, .httpEndReceivedAfterHeadWith1xx:
                return TransportError(.connectionLost, detail: detail)
            default:
                if error.shortDescription == "Unsupported scheme" { return TransportError(.cannotConnect, detail: detail) }
                return TransportError(.other, detail: detail)
            }
        }
        if let error = error as? NIOConnectionError {
            // Every address refused or failed before a connection existed; with no address at all, the host name did
            // not resolve (a typo in KEAP_BASE_URL, no DNS or no network): say so, it is what the operator must fix.
            if error.connectionErrors.isEmpty {
                let reason = (error.dnsAError ?? error.dnsAAAAError).map { ": \($0)" } ?? ""
                return TransportError(.cannotConnect, detail: "could not resolve host \(error.host) (DNS\(reason)); check the host name and this machine's network")
            }
            return TransportError(.cannotConnect, detail: "connect to \(error.host):\(error.port): \(error.connectionErrors.count) address(es) failed")
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout:
                return TransportError(.cannotConnect, detail: "connect timeout")
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed:
                return TransportError(.connectionLost, detail: "channel closed")
            default:
                return TransportError(.other, detail: "channel error")
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
                return TransportError(.cannotConnect, detail: "errno \(error.errnoCode)")
            default:
                // ECONNRESET, EPIPE and the like: the connection broke with the request possibly on the wire.
                return TransportError(.connectionLost, detail: "errno \(error.errnoCode)")
            }
        }
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed, .unableToValidateCertificate, .noCertificateToValidate, .cannotMatchULabel,
                 .cannotFindPeerIP:
                // No request is written before the handshake completes: not applied.
                return TransportError(.cannotConnect, detail: "TLS handshake failed")
            default:
                return TransportError(.connectionLost, detail: "TLS connection broke")
            }
        }
        if error is NIOSSLExtraError {
            return TransportError(.cannotConnect, detail: "TLS handshake failed")
        }
        if error is HTTPParserError {
            return TransportError(.connectionLost, detail: "the answer was not HTTP")
        }
        if error is NIOTooManyBytesError {
            return TransportError(.other, detail: "answer larger than \(maximumAnswerBytes) bytes")
        }
        if error is CancellationError {
            return TransportError(.other, detail: "cancelled")
        }
        return TransportError(.other, detail: "\(type(of: error))")
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
