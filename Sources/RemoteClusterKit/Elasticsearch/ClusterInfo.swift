/// The answer of `GET /`: which cluster and which Elasticsearch version answered.
public struct ClusterInfo: Sendable, Hashable {
    /// The responding node's name.
    public var nodeName: String
    public var clusterName: String
    public var clusterUUID: String?
    /// e.g. `9.1.0`.
    public var versionNumber: String
    /// `default`, or `serverless` on Elastic Cloud Serverless.
    public var buildFlavor: String?
    public var buildType: String?
    public var minimumWireCompatibilityVersion: String?
    public var minimumIndexCompatibilityVersion: String?
    public var buildHash: String?
    /// As Elasticsearch writes it, e.g. `2025-07-09T22:10:13.578182715Z`.
    public var buildDate: String?
    public var luceneVersion: String?
    public var tagline: String?

    public init(
        nodeName: String, clusterName: String, clusterUUID: String? = nil, versionNumber: String,
        buildFlavor: String? = nil,
        buildType: String? = nil, minimumWireCompatibilityVersion: String? = nil, tagline: String? = nil
    ) {
        self.nodeName = nodeName
        self.clusterName = clusterName
        self.clusterUUID = clusterUUID
        self.versionNumber = versionNumber
        self.buildFlavor = buildFlavor
        self.buildType = buildType
        self.minimumWireCompatibilityVersion = minimumWireCompatibilityVersion
        self.tagline = tagline
    }

    /// Reads the version fields that only matter for display.
    private mutating func readBuildDetails(_ version: JSONValue) {
        minimumIndexCompatibilityVersion = version.text("minimum_index_compatibility_version")
        buildHash = version.text("build_hash")
        buildDate = version.text("build_date")
        luceneVersion = version.text("lucene_version")
    }

    /// Whether this is Elastic Cloud Serverless, whose version number means little.
    public var isServerless: Bool { buildFlavor == "serverless" }

    /// The version as (major, minor, patch); nil when it does not parse.
    public var version: (major: Int, minor: Int, patch: Int)? {
        let parts = versionNumber.split(separator: "-").first?.split(separator: ".").compactMap { Int($0) } ?? []
        guard parts.count >= 2 else { return nil }
        return (parts[0], parts[1], parts.count > 2 ? parts[2] : 0)
    }

    /// Whether the version is at least `major.minor`.
    public func isAtLeast(_ major: Int, _ minor: Int) -> Bool {
        guard let version else { return false }
        return (version.major, version.minor) >= (major, minor)
    }

    static let operation = "GET /"

    init(json: JSONValue) throws(ResponseDecodingError) {
        guard let version = json["version"] else {
            throw ResponseDecodingError(operation: Self.operation, detail: "the field \"version\" is missing")
        }
        self.init(
            nodeName: json.text("name") ?? "",
            clusterName: try json.required("cluster_name", JSONValue.text, in: Self.operation),
            clusterUUID: json.text("cluster_uuid"),
            versionNumber: try version.required("number", JSONValue.text, in: Self.operation),
            buildFlavor: version.text("build_flavor"), buildType: version.text("build_type"),
            minimumWireCompatibilityVersion: version.text("minimum_wire_compatibility_version"),
            tagline: json.text("tagline"))
        readBuildDetails(version)
    }
}
