import Foundation
import NIOCore
import NIOHTTP1
import RemoteClusterKit

/// Collects one HTTP/1.1 request at a time, asks the responder, and writes its reply.
///
/// `configureHTTPServerPipeline` (with pipelining assistance) runs before this handler, so requests
/// on one connection are answered in order.
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: HTTPResponder
    private let connection: @Sendable () -> ConnectionInfo
    private let observer: (name: String, observe: ServedRequestObserver)?
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    /// - Parameter observer: told of every request answered, under the server's name.
    init(
        connection: @escaping @Sendable () -> ConnectionInfo,
        observer: (name: String, observe: ServedRequestObserver)? = nil,
        responder: @escaping HTTPResponder
    ) {
        self.connection = connection
        self.observer = observer
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            self.head = nil
            let request = IncomingHTTPRequest(
                method: head.method.rawValue, uri: head.uri,
                headers: head.headers.map { HTTPHeader($0.name, $0.value) },
                body: Data(body.readableBytesView), connection: connection())
            let keepAlive = head.isKeepAlive
            let responder = self.responder
            let promise = context.eventLoop.makePromise(of: HTTPServerReply.self)
            promise.completeWithTask { await responder(request) }
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let received = ContinuousClock.now
            let observer = self.observer
            promise.futureResult.whenSuccess { reply in
                if let observer {
                    observer.observe(
                        ServedRequest(
                            server: observer.name, method: request.method, uri: request.uri, outcome: reply.outcome,
                            elapsed: ContinuousClock.now - received))
                }
                let (handler, context) = bound.value
                handler.send(reply, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func send(_ reply: HTTPServerReply, keepAlive: Bool, context: ChannelHandlerContext) {
        switch reply {
        case .hang:
            return
        case .respond(let response):
            var headers = HTTPHeaders()
            for header in response.headers { headers.add(name: header.name, value: header.value) }
            headers.replaceOrAdd(name: "content-length", value: String(response.body.count))
            if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
            let head = HTTPResponseHead(
                version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            if !response.body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            }
            let done = context.writeAndFlushPromise()
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
            if !keepAlive {
                let channel = context.channel
                done.futureResult.whenComplete { _ in channel.close(promise: nil) }
            }
        case .stream(let response, let chunks):
            var headers = HTTPHeaders()
            for header in response.headers { headers.add(name: header.name, value: header.value) }
            headers.remove(name: "content-length")
            let head = HTTPResponseHead(
                version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
            let channel = context.channel
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let forwarding = Task {
                for await chunk in chunks {
                    guard channel.isActive else { break }
                    channel.eventLoop.execute {
                        let (handler, context) = bound.value
                        context.writeAndFlush(
                            handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: chunk)))), promise: nil)
                    }
                }
                channel.eventLoop.execute {
                    let (handler, context) = bound.value
                    guard channel.isActive else { return }
                    context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: nil)
                    if !keepAlive { channel.close(promise: nil) }
                }
            }
            channel.closeFuture.whenComplete { _ in forwarding.cancel() }
        case .resetMidResponse:
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "application/json")
            headers.add(name: "content-length", value: "4096")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))),
                promise: nil)
            let partial = ByteBuffer(string: "{\"name\":\"node-0\",\"cluster_na")
            let done = context.writeAndFlushPromise()
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(partial))), promise: done)
            let channel = context.channel
            done.futureResult.whenComplete { _ in ConnectionReset.reset(channel) }
        }
    }
}

extension ChannelHandlerContext {
    fileprivate func writeAndFlushPromise() -> EventLoopPromise<Void> { eventLoop.makePromise() }
}

/// Closes a connection with a TCP reset (SO_LINGER 0) rather than an orderly shutdown.
enum ConnectionReset {
    static func reset(_ channel: Channel) {
        guard let provider = channel as? SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        provider.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            .whenComplete { _ in channel.close(mode: .all, promise: nil) }
    }
}

extension HTTPServerReply {
    /// How a request answered with this reply ends, for `ServedRequest`.
    var outcome: ServedRequest.Outcome {
        switch self {
        case .respond(let response), .stream(let response, _): return .status(response.status)
        case .resetMidResponse: return .reset
        case .hang: return .hung
        }
    }
}
