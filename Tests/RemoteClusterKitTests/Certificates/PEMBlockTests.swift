import Foundation
import PropertyBased
import Testing
@testable import RemoteClusterKit

/// The byte-by-byte PEM scanner (for ASCII text, every real PEM file) against the
/// character-by-character one it stands in for.
@Suite struct PEMBlockTests {
    /// Pieces PEM texts are made of, and the ones that trip scanners: markers cut short, CRLF
    /// and the other ASCII line ends, headers, spaces and tabs inside the body, bad base64.
    static let pieces = [
        "-----BEGIN ", "CERTIFICATE", "PRIVATE KEY", "-----", "-----END ", "-----END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----", "MIIB2zCCAYCgAwIBAgIU", "AAAA", "QUJD", "=", "==", "\n", "\r\n", "\r",
        "\u{0B}", "\u{0C}", " ", "\t", "Proc-Type: 4,ENCRYPTED", ":", "x", "-", "Bag Attributes",
    ]

    static let texts = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 1...14).map { $0.joined() }

    @Test func readsTheSameBlocksAsTheCharacterScanner() async {
        await propertyCheck(count: 3_000, input: Self.texts) { text in
            #expect(bytewise(text) == characterwise(text), "\(text.debugDescription)")
        }
    }

    @Test func readsAWholeCertificateWithHeadersAndCRLF() throws {
        let text = "junk\r\n-----BEGIN CERTIFICATE-----\r\nProc-Type: 4\r\n QUJD\r\n\tREVG\r\n-----END CERTIFICATE-----"
        let blocks = try PEMBlock.scan(text)
        #expect(blocks == [PEMBlock(label: "CERTIFICATE", derBytes: Array("ABCDEF".utf8))])
        #expect(blocks == (try PEMBlock.scanCharacters(text)))
    }

    @Test func textThatIsNotASCIIKeepsTheUnicodeRules() throws {
        // U+2028 ends a line for Swift; the byte scanner never sees such text.
        let text = "-----BEGIN CERTIFICATE-----\u{2028}QUJD\u{2028}-----END CERTIFICATE-----"
        #expect(try PEMBlock.scan(text) == [PEMBlock(label: "CERTIFICATE", derBytes: Array("ABC".utf8))])
    }

    private func bytewise(_ text: String) -> Result<[PEMBlock], PEMBlock.ScanError> {
        do { return .success(try PEMBlock.scanASCII(Array(text.utf8))) } catch { return .failure(error) }
    }

    private func characterwise(_ text: String) -> Result<[PEMBlock], PEMBlock.ScanError> {
        do { return .success(try PEMBlock.scanCharacters(text)) } catch { return .failure(error) }
    }
}
