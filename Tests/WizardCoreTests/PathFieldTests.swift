import Testing
@testable import WizardCore

@Suite("Path field")
struct PathFieldTests {
    let entries: [DirectoryEntry] = [
        DirectoryEntry(name: "ca.crt", isDirectory: false), DirectoryEntry(name: "ca-old.crt", isDirectory: false),
        DirectoryEntry(name: "keys", isDirectory: true), DirectoryEntry(name: ".hidden", isDirectory: false),
    ]

    @Test func tabAsksForTheDirectoryListing() {
        var field = PathField("certs/c")
        var tokens = TokenSource()
        let (outcome, effects) = field.handle(PathField.completionKey, tokens: &tokens)
        #expect(outcome == .handled)
        #expect(effects == [.listDirectory(path: "certs/", token: Token(1))])
        var bare = PathField("ca")
        #expect(bare.handle(PathField.completionKey, tokens: &tokens).1 == [.listDirectory(path: ".", token: Token(2))])
    }

    @Test func severalMatchesCompleteTheCommonPrefixAndListCandidates() {
        var field = PathField("certs/c")
        var tokens = TokenSource()
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        let effects = field.apply(listing: .success(entries), token: Token(1), tokens: &tokens)
        #expect(effects.isEmpty)
        #expect(field.path == "certs/ca")
        #expect(field.candidates == ["ca-old.crt", "ca.crt"])
    }

    @Test func leavingTheFieldDropsTheCandidates() {
        var field = PathField("certs/c")
        var tokens = TokenSource()
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        _ = field.apply(listing: .success(entries), token: Token(1), tokens: &tokens)
        #expect(field.extraLines == 1)
        #expect(field.describeIfChanged(tokens: &tokens) == [.describeFile(path: "certs/ca", token: Token(2))])
        #expect(field.candidates.isEmpty)
        field.apply(description: "Not found", token: Token(2))
        #expect(field.extraLines == 1)
    }

    @Test func oneMatchCompletesAndDescribesTheFile() {
        var field = PathField("certs/ca.")
        var tokens = TokenSource()
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        let effects = field.apply(listing: .success(entries), token: Token(1), tokens: &tokens)
        #expect(field.path == "certs/ca.crt")
        #expect(effects == [.describeFile(path: "certs/ca.crt", token: Token(2))])
        field.apply(description: "PEM: 1 certificate", token: Token(2))
        #expect(field.hint == "PEM: 1 certificate")
    }

    @Test func directoriesGetASlashAndHiddenFilesNeedADot() {
        var field = PathField("k")
        var tokens = TokenSource()
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        _ = field.apply(listing: .success(entries), token: Token(1), tokens: &tokens)
        #expect(field.path == "keys/")
        var hidden = PathField(".h")
        _ = hidden.handle(PathField.completionKey, tokens: &tokens)
        _ = hidden.apply(listing: .success(entries), token: Token(2), tokens: &tokens)
        #expect(hidden.path == ".hidden")
    }

    @Test func staleListingsAndDescriptionsAreDropped() {
        var field = PathField("certs/c")
        var tokens = TokenSource()
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        _ = field.apply(listing: .success(entries), token: Token(1), tokens: &tokens)
        #expect(field.path == "certs/c")
        _ = field.describeIfChanged(tokens: &tokens)
        field.apply(description: "old", token: Token(1))
        #expect(field.hint == nil)
    }

    @Test func typingCancelsAPendingCompletion() {
        var field = PathField("c")
        var tokens = TokenSource()
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        _ = field.handle(.character("x"), tokens: &tokens)
        _ = field.apply(listing: .success(entries), token: Token(1), tokens: &tokens)
        #expect(field.path == "cx")
    }

    @Test func noMatchSaysSo() {
        var field = PathField("zz")
        var tokens = TokenSource()
        _ = field.handle(PathField.completionKey, tokens: &tokens)
        _ = field.apply(listing: .success(entries), token: Token(1), tokens: &tokens)
        #expect(field.hint == "No file in this directory starts with \"zz\"")
    }
}
