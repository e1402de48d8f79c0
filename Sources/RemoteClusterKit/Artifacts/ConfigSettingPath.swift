import OrderedCollections

/// Finds and sets an Elasticsearch setting in a `nodeSets[].config` object, whichever way the
/// operator wrote it: nested (`xpack: {security: ...}`), flat (`xpack.security.x: ...`) or mixed.
///
/// A setting that already exists is updated where it is, so the config never holds the same
/// setting twice. A new setting goes below the deepest object that already exists on its path,
/// nested unless that object already uses dotted keys.
enum ConfigSettingPath {
    /// The actual keys under which the setting `components` is stored, or nil.
    static func locate(_ components: ArraySlice<String>, in value: JSONValue) -> [String]? {
        guard let members = value.objectValue, !components.isEmpty else { return nil }
        for length in stride(from: components.count, through: 1, by: -1) {
            let key = components.prefix(length).joined(separator: ".")
            guard let child = members[key] else { continue }
            if length == components.count { return [key] }
            if let rest = locate(components.dropFirst(length), in: child) { return [key] + rest }
        }
        return nil
    }

    /// The current value of the setting, or nil.
    static func value(of setting: String, in config: JSONValue) -> JSONValue? {
        let components = ArraySlice(setting.split(separator: ".").map(String.init))
        guard let keys = locate(components, in: config) else { return nil }
        return config[path: keys]
    }

    /// Sets the setting, updating an existing entry in place or adding a new one.
    static func set(_ setting: String, to newValue: JSONValue, in config: inout JSONValue) {
        let components = ArraySlice(setting.split(separator: ".").map(String.init))
        if let keys = locate(components, in: config) {
            assign(newValue, at: ArraySlice(keys), in: &config)
            return
        }
        insert(newValue, components: components, in: &config)
    }

    /// Removes the setting and any object left empty on its path; returns whether it was there.
    @discardableResult
    static func remove(_ setting: String, in config: inout JSONValue) -> Bool {
        let components = ArraySlice(setting.split(separator: ".").map(String.init))
        guard let keys = locate(components, in: config) else { return false }
        removeKeys(ArraySlice(keys), in: &config)
        return true
    }

    private static func removeKeys(_ keys: ArraySlice<String>, in container: inout JSONValue) {
        guard let key = keys.first, var members = container.objectValue else { return }
        if keys.count == 1 {
            members.removeValue(forKey: key)
        } else if var child = members[key] {
            removeKeys(keys.dropFirst(), in: &child)
            if child.objectValue?.isEmpty == true { members.removeValue(forKey: key) } else { members[key] = child }
        }
        container = .object(members)
    }

    private static func insert(_ newValue: JSONValue, components: ArraySlice<String>, in container: inout JSONValue) {
        var members = container.objectValue ?? [:]
        // Descend into the longest existing object prefix.
        for length in stride(from: components.count - 1, through: 1, by: -1) {
            let key = components.prefix(length).joined(separator: ".")
            if var child = members[key], child.objectValue != nil {
                insert(newValue, components: components.dropFirst(length), in: &child)
                members[key] = child
                container = .object(members)
                return
            }
        }
        if members.keys.contains(where: { $0.contains(".") }) {
            members[components.joined(separator: ".")] = newValue
        } else {
            members[components.first!] = nested(newValue, components.dropFirst())
        }
        container = .object(members)
    }

    private static func nested(_ value: JSONValue, _ components: ArraySlice<String>) -> JSONValue {
        guard let first = components.first else { return value }
        return .object([first: nested(value, components.dropFirst())])
    }

    private static func assign(_ newValue: JSONValue, at keys: ArraySlice<String>, in container: inout JSONValue) {
        guard let key = keys.first else { container = newValue; return }
        var child = container[key] ?? .object([:])
        assign(newValue, at: keys.dropFirst(), in: &child)
        container[key] = child
    }
}
