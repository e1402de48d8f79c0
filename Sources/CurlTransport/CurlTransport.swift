// The CurlTransport module. See DESIGN.md for what belongs here.
import CCurl
import RemoteClusterKit

/// The libcurl version this binary runs with, e.g. `libcurl/7.88.1 OpenSSL/3.0.19`.
public var libcurlVersion: String { String(cString: curl_version()) }
