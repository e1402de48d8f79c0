import Testing

@testable import RemoteClusterKit

@Suite struct TLSProbeRequestTests {
    @Test func ipv6HostsAreBracketedInTheAddressOnly() throws {
        let request = TLSProbeRequest(proxyAddress: try ProxyAddress(parsing: "[2001:db8::1]:9443"))
        #expect(request.host == "2001:db8::1")
        #expect(request.address == "[2001:db8::1]:9443")
        #expect(request.expectedName == "2001:db8::1")
    }

    @Test func emptyServerNameMeansNone() {
        let request = TLSProbeRequest(host: "lb.example.net", port: 9443, serverName: "")
        #expect(request.serverName == nil)
        #expect(request.expectedName == "lb.example.net")
    }

    @Test func serverNameIsWhatTheCertificateMustCarry() {
        let request = TLSProbeRequest(host: "10.0.0.7", port: 9443, serverName: "logs-es-remote-cluster.logs.svc")
        #expect(request.expectedName == "logs-es-remote-cluster.logs.svc")
        #expect(request.address == "10.0.0.7:9443")
    }
}
