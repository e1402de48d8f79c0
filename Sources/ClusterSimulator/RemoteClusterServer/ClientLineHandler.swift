import NIOCore

/// The client end of a line-based connection: buffers received lines and hands them out in order.
final class ClientLineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var pending: [UInt8] = []
    private var lines: [String] = []
    private var waiters: [EventLoopPromise<String?>] = []
    private var closed = false
    /// The first error the pipeline reported (TLS failures arrive here).
    private(set) var firstError: Error?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            deliver(String(decoding: line, as: UTF8.self))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        if !pending.isEmpty {
            deliver(String(decoding: pending, as: UTF8.self))
            pending.removeAll()
        }
        let waiting = waiters
        waiters.removeAll()
        waiting.forEach { $0.succeed(nil) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if firstError == nil { firstError = error }
        context.close(promise: nil)
    }

    /// The next line, or nil once the connection is closed and every line was read.
    func nextLine(on eventLoop: EventLoop) -> EventLoopFuture<String?> {
        if !lines.isEmpty { return eventLoop.makeSucceededFuture(lines.removeFirst()) }
        if closed { return eventLoop.makeSucceededFuture(nil) }
        let promise = eventLoop.makePromise(of: String?.self)
        waiters.append(promise)
        return promise.futureResult
    }

    private func deliver(_ line: String) {
        if waiters.isEmpty {
            lines.append(line)
        } else {
            waiters.removeFirst().succeed(line)
        }
    }
}
