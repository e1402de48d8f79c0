import WizardCore

@testable import Gallery

extension Gallery {
    /// Sends keys, returning all effects.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect<GalleryJob>] {
        keys.flatMap { update(.key($0)) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [Effect<GalleryJob>] {
        text.flatMap { update(.key(.character($0))) }
    }
}
