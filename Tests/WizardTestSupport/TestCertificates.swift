/// Certificates made for these tests with openssl (EC P-256, self-signed, valid until 2126).
public enum TestCertificates {
    /// CN=Wizard Test CA, a CA.
    public static let ca = """
        -----BEGIN CERTIFICATE-----
        MIIBijCCAS+gAwIBAgIUUf2PgvbnathVGTKksjkCoZ5g72swCgYIKoZIzj0EAwIw
        GTEXMBUGA1UEAwwOV2l6YXJkIFRlc3QgQ0EwIBcNMjYxMTI5MTkzNjA4WhgPMjEy
        NjExMDUxOTM2MDhaMBkxFzAVBgNVBAMMDldpemFyZCBUZXN0IENBMFkwEwYHKoZI
        zj0CAQYIKoZIzj0DAQcDQgAEVFHWrazfrk5tpSWeGEgHitb6T2zCSHoilJ7NMhou
        KhhWZiBBb3C02c9/ewvrzIcdsUCW9MhhOoGUr1Y9P3z16KNTMFEwHQYDVR0OBBYE
        FODDHcmJ32J450dF8tIsl5XHA0/JMB8GA1UdIwQYMBaAFODDHcmJ32J450dF8tIs
        l5XHA0/JMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAO11KNi/
        C6znOP/acNA2lZuhcuwqeQojPMhCaafq5XPGAiEArL+UpIFfQD8rk6K2BxOhcCbG
        WqE4k8PXHrcLHrm2oU4=
        -----END CERTIFICATE-----
        """
    /// CN=leaf.example.net, not a CA.
    public static let leaf = """
        -----BEGIN CERTIFICATE-----
        MIIBizCCATCgAwIBAgIUQ4S+Z+BIw9Fw7v7rz+oRA2NOtQowCgYIKoZIzj0EAwIw
        GzEZMBcGA1UEAwwQbGVhZi5leGFtcGxlLm5ldDAgFw0yNjExMjkxOTM2MDhaGA8y
        MTI2MTEwNTE5MzYwOFowGzEZMBcGA1UEAwwQbGVhZi5leGFtcGxlLm5ldDBZMBMG
        ByqGSM49AgEGCCqGSM49AwEHA0IABKdKb1Uz6KoHHjYM5pM7qxesKpaFru4mYvpL
        KI1fJ9VbgBT9w/EzV3LzE7PVKxk3ZZyrbvjDTs5csGH4m8sU3eyjUDBOMB0GA1Ud
        DgQWBBS9zSr82jodEwh1sneZuY+ww5ErqzAfBgNVHSMEGDAWgBS9zSr82jodEwh1
        sneZuY+ww5ErqzAMBgNVHRMBAf8EAjAAMAoGCCqGSM49BAMCA0kAMEYCIQCn3nRr
        RpkGUN4YuIa9OBFtX0AtOtSnjIEQaCElRshRFgIhAIXZ974iVVKUgpm3dBvm2Zx/
        7zy4ZVwfFRrwZGubK1rX
        -----END CERTIFICATE-----
        """
}
