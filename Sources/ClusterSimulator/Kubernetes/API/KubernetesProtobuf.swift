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

    /// How one map field of a message becomes JSON: its member name and whether the values are
    /// bytes (base64 in JSON) or text.
    struct MapField {
        var name: String
        var bytes: Bool
    }

    /// `v1.Secret`: metadata (1), data (2, bytes), type (3), stringData (4, text), immutable (5).
    static func secret(_ raw: ArraySlice<UInt8>) -> JSONValue {
        object(
            kind: "Secret", raw,
            maps: [2: MapField(name: "data", bytes: true), 4: MapField(name: "stringData", bytes: false)],
            strings: [3: "type"], immutableField: 5)
    }

    /// `v1.ConfigMap`: metadata (1), data (2, text), binaryData (3, bytes), immutable (4).
    static func configMap(_ raw: ArraySlice<UInt8>) -> JSONValue {
        object(
            kind: "ConfigMap", raw,
            maps: [2: MapField(name: "data", bytes: false), 3: MapField(name: "binaryData", bytes: true)], strings: [:],
            immutableField: 4)
    }

    /// A core object message: field 1 is its metadata; `maps` and `strings` name the other fields.
    static func object(
        kind: String, _ raw: ArraySlice<UInt8>, maps: [Int: MapField], strings: [Int: String], immutableField: Int
    ) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = ["apiVersion": "v1", "kind": .string(kind)]
        var collected: [Int: OrderedDictionary<String, JSONValue>] = [:]
        var reader = Reader(raw)
        while let (field, value) = reader.next() {
            switch value {
            case .bytes(let bytes) where field == 1:
                object["metadata"] = metadata(bytes)
            case .bytes(let bytes):
                if let map = maps[field] {
                    let (key, element) = mapEntry(bytes)
                    collected[field, default: [:]][key] = .string(
                        map.bytes ? Data(element).base64EncodedString() : string(element))
                } else if let name = strings[field] {
                    object[name] = .string(string(bytes))
                }
            case .varint(let flag) where field == immutableField:
                object["immutable"] = .bool(flag != 0)
            default:
                break
            }
        }
        for (field, map) in maps.sorted(by: { $0.key < $1.key }) {
            if let entries = collected[field], !entries.isEmpty { object[map.name] = .object(entries) }
        }
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
