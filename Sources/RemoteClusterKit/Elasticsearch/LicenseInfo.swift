import Foundation

/// The answer of `GET /_license`.
public struct LicenseInfo: Sendable, Hashable {
    /// `basic`, `trial`, `gold`, `platinum`, `enterprise`.
    public var type: String
    /// `active`, `expired` or `invalid`.
    public var status: String
    public var expiry: Date?
    public var issuedTo: String?
    public var uid: String?

    public init(type: String, status: String, expiry: Date? = nil, issuedTo: String? = nil, uid: String? = nil) {
        self.type = type
        self.status = status
        self.expiry = expiry
        self.issuedTo = issuedTo
        self.uid = uid
    }

    /// Whether the license allows the API-key security model for remote clusters
    /// (`advanced-remote-cluster-security`): an active Enterprise or trial license.
    public var allowsAPIKeyRemoteClusters: Bool {
        status == "active" && (type == "enterprise" || type == "trial")
    }

    static let operation = "GET /_license"

    init(json: JSONValue) throws(ResponseDecodingError) {
        guard let license = json["license"] else {
            throw ResponseDecodingError(operation: Self.operation, detail: "the field \"license\" is missing")
        }
        self.init(
            type: try license.required("type", JSONValue.text, in: Self.operation),
            status: try license.required("status", JSONValue.text, in: Self.operation),
            expiry: license.epochMillis("expiry_date_in_millis"),
            issuedTo: license.text("issued_to"), uid: license.text("uid"))
    }
}
