import Foundation

/// When an issued certificate is valid, relative to the moment it is issued.
public enum CertificateValidity: Sendable, Hashable {
    /// Valid from one hour ago for `days` days (the default is one year).
    case valid(days: Int = 365)
    /// Expired: valid from 30 days ago until 1 day ago.
    case expired
    /// Not yet valid: valid from 1 day in the future for 30 days.
    case notYetValid
    /// Exactly this window.
    case custom(notBefore: Date, notAfter: Date)

    /// The validity window for a certificate issued at `now`.
    public func window(now: Date = Date()) -> (notBefore: Date, notAfter: Date) {
        let day: TimeInterval = 86_400
        switch self {
        case .valid(let days):
            return (now.addingTimeInterval(-3_600), now.addingTimeInterval(Double(max(days, 1)) * day))
        case .expired:
            return (now.addingTimeInterval(-30 * day), now.addingTimeInterval(-day))
        case .notYetValid:
            return (now.addingTimeInterval(day), now.addingTimeInterval(31 * day))
        case .custom(let notBefore, let notAfter):
            return (notBefore, notAfter)
        }
    }
}
