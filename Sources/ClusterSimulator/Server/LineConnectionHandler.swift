import Foundation
import NIOCore

/// Splits inbound bytes into `\n`-terminated lines, asks the responder for each, and writes its reply.
///
/// Lines are answered strictly in order; a line longer than `maximumLineLength` closes the connection.
final class LineConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let maximumLineLength = 16_384

    private let responder: LineResponder
    private let connection: @Sendable () -> ConnectionInfo
    private var pending: [UInt8] = []
    private var queue: [String] = []
    private var busy = false

    init(connection: @escaping @Sendable () -> ConnectionInfo, responder: @escaping LineResponder) {
        self.connection = connection
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readableBytesView)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            queue.append(String(decoding: line, as: UTF8.self))
        }
        if pending.count > Self.maximumLineLength {
            context.close(promise: nil)
            return
        }
        answerNext(context: context)
    }

    private func answerNext(context: ChannelHandlerContext) {
        guard !busy, !queue.isEmpty else { return }
        busy = true
        let line = queue.removeFirst()
        let responder = self.responder
        let info = connection()
        let promise = context.eventLoop.makePromise(of: LineReply.self)
        promise.completeWithTask { await responder(line, info) }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        promise.futureResult.whenSuccess { reply in
            let (handler, context) = bound.value
            handler.busy = false
            switch reply {
            case .reply(let text):
                context.writeAndFlush(handler.wrapOutboundOut(ByteBuffer(string: text + "\n")), promise: nil)
                handler.answerNext(context: context)
            case .replyAndClose(let text):
                let channel = context.channel
                context.writeAndFlush(handler.wrapOutboundOut(ByteBuffer(string: text + "\n")))
                    .whenComplete { _ in channel.close(promise: nil) }
            case .close:
                context.close(promise: nil)
            }
        }
    }
}
