import Foundation
import OrderedCollections
import RemoteClusterKit

/// Reads the protobuf bodies kubectl's typed clients send (`Content-Type:
/// application/vnd.kubernetes.protobuf`, e.g. `kubectl create secret|configmap`): the `k8s\0`
/// envelope (`runtime.Unknown`: type meta, raw bytes) around a `v1.Secret` or `v1.ConfigMap`
/// (`k8s.io/api/core/v1/generated.proto`), as the JSON object the API server would have received.
enum KubernetesProtobuf {
    static let contentType = "application/vnd.kubernetes.protobuf"
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// The object, or nil when the bytes are not a Secret or ConfigMap in the envelope.
    static func decode(_ data: Data) -> JSONValue? {
        let bytes = Array(data)
        guard bytes.starts(with: magic) else { return nil }
        var envelope = Reader(bytes[magic.count...])
        var apiVersion = ""
        var kind = ""
        var raw: ArraySlice<UInt8> = []
        while let (field, value) = envelope.next() {
            switch (field, value) {
            case (1, .bytes(let typeMeta)):
                var reader = Reader(typeMeta)
                while let (inner, innerValue) = reader.next() {
                    if case .bytes(let text) = innerValue {
                        if inner == 1 { apiVersion = string(text) } else if inner == 2 { kind = string(text) }
                    }
                }
            case (2, .bytes(let body)): raw = body
            default: break
            }
        }
        guard apiVersion == "v1" else { return nil }
        switch kind {
        case "Secret": return secret(raw)
        case "ConfigMap": return configMap(raw)
        default: return nil
        }
    }

    static func secret(_ raw: ArraySlice<UInt8>) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = ["apiVersion": "v1", "kind": "Secret"]
        var data = OrderedDictionary<String, JSONValue>()
        var stringData = OrderedDictionary<String, JSONValue>()
        var reader = Reader(raw)
        while let (field, value) = reader.next() {
            switch (field, value) {
            case (1, .bytes(let meta)): object["metadata"] = metadata(meta)
            case (2, .bytes(let entry)):
                let (key, bytes) = mapEntry(entry)
                data[key] = .string(Data(bytes).base64EncodedString())
            case (3, .bytes(let type)): object["type"] = .string(string(type))
            case (4, .bytes(let entry)):
                let (key, bytes) = mapEntry(entry)
                stringData[key] = .string(string(bytes))
            case (5, .varint(let flag)): object["immutable"] = .bool(flag != 0)
            default: break
            }
        }
        if !data.isEmpty { object["data"] = .object(data) }
        if !stringData.isEmpty { object["stringData"] = .object(stringData) }
        return .object(object)
    }

    static func configMap(_ raw: ArraySlice<UInt8>) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = ["apiVersion": "v1", "kind": "ConfigMap"]
        var data = OrderedDictionary<String, JSONValue>()
        var binary = OrderedDictionary<String, JSONValue>()
        var reader = Reader(raw)
        while let (field, value) = reader.next() {
            switch (field, value) {
            case (1, .bytes(let meta)): object["metadata"] = metadata(meta)
            case (2, .bytes(let entry)):
                let (key, bytes) = mapEntry(entry)
                data[key] = .string(string(bytes))
            case (3, .bytes(let entry)):
                let (key, bytes) = mapEntry(entry)
                binary[key] = .string(Data(bytes).base64EncodedString())
            case (4, .varint(let flag)): object["immutable"] = .bool(flag != 0)
            default: break
            }
        }
        if !data.isEmpty { object["data"] = .object(data) }
        if !binary.isEmpty { object["binaryData"] = .object(binary) }
        return .object(object)
    }

    /// `ObjectMeta`: name (1), generateName (2), namespace (3), labels (11), annotations (12).
    static func metadata(_ raw: ArraySlice<UInt8>) -> JSONValue {
        var metadata = OrderedDictionary<String, JSONValue>()
        var labels = OrderedDictionary<String, JSONValue>()
        var annotations = OrderedDictionary<String, JSONValue>()
        var reader = Reader(raw)
        while let (field, value) = reader.next() {
            guard case .bytes(let bytes) = value else { continue }
            switch field {
            case 1: metadata["name"] = .string(string(bytes))
            case 2: metadata["generateName"] = .string(string(bytes))
            case 3: metadata["namespace"] = .string(string(bytes))
            case 11:
                let (key, text) = mapEntry(bytes)
                labels[key] = .string(string(text))
            case 12:
                let (key, text) = mapEntry(bytes)
                annotations[key] = .string(string(text))
            default: break
            }
        }
        if !labels.isEmpty { metadata["labels"] = .object(labels) }
        if !annotations.isEmpty { metadata["annotations"] = .object(annotations) }
        return .object(metadata)
    }

    /// A map entry: key (1, string) and value (2, bytes).
    static func mapEntry(_ raw: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>) {
        var key = ""
        var value: ArraySlice<UInt8> = []
        var reader = Reader(raw)
        while let (field, element) = reader.next() {
            guard case .bytes(let bytes) = element else { continue }
            if field == 1 { key = string(bytes) } else if field == 2 { value = bytes }
        }
        return (key, value)
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    enum FieldValue {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed
    }

    /// Protobuf wire format: varint keys, then a varint, fixed 32/64-bit or length-delimited value.
    struct Reader {
        var bytes: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = bytes.first {
                bytes = bytes.dropFirst()
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }

        mutating func next() -> (Int, FieldValue)? {
            guard !bytes.isEmpty, let key = varint() else { return nil }
            let field = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let value = varint() else { return nil }
                return (field, .varint(value))
            case 1:
                guard bytes.count >= 8 else { return nil }
                bytes = bytes.dropFirst(8)
                return (field, .fixed)
            case 2:
                guard let length = varint(), length <= UInt64(bytes.count) else { return nil }
                let value = bytes.prefix(Int(length))
                bytes = bytes.dropFirst(Int(length))
                return (field, .bytes(value))
            case 5:
                guard bytes.count >= 4 else { return nil }
                bytes = bytes.dropFirst(4)
                return (field, .fixed)
            default:
                return nil
            }
        }
    }
}
