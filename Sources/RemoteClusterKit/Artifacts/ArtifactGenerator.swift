/// Produces every artifact for a setup: the remotes' preparation, the API key requests, the
/// local cluster's objects, the remote settings request, the role, and a NOTES.md explaining them.
public enum ArtifactGenerator {
    /// The file name of the notes artifact.
    public static let notesFileName = "NOTES.md"

    /// Every artifact and note for `setup`; throws when the local resource cannot be merged.
    public static func generate(_ setup: ConnectionSetup) throws(ArtifactError) -> ArtifactSet {
        var set = ArtifactSet()
        for remote in setup.remotes {
            switch remote.type {
            case .ech, .ece: set.append(CloudRemoteNotes.generate(remote))
            case .eck: set.append(RemoteECKArtifacts.generate(remote))
            case .selfManaged: set.append(SelfManagedRemoteArtifacts.generate(remote))
            }
            set.append(APIKeyArtifacts.keyRequest(remote))
        }
        set.append(try LocalClusterArtifacts.generate(setup))
        set.append(RemoteSettingsRequest.generate(setup.remotes))
        if let role = setup.role {
            set.append(APIKeyArtifacts.role(role, aliases: setup.remotes.map(\.alias)))
        }
        set.artifacts.append(notesDocument(set, setup: setup))
        return set
    }

    /// NOTES.md: the files in the order to use them, then the notes per cluster.
    static func notesDocument(_ set: ArtifactSet, setup: ConnectionSetup) -> Artifact {
        var lines = ["# Remote clusters for \(setup.local.name) (namespace \(setup.local.namespace))", ""]
        var targets: [Artifact.Target] = setup.remotes.map { .remote(alias: $0.alias) }
        targets.append(.local)
        for target in targets {
            switch target {
            case .local: lines.append("## Local cluster \(setup.local.name)")
            case .remote(let alias):
                let type = setup.remotes.first { $0.alias == alias }?.type.displayName ?? ""
                lines.append("## Remote \(alias) (\(type))")
            }
            lines.append("")
            let files = set.artifacts.filter { $0.target == target }
            for file in files { lines.append("- `\(file.fileName)`: \(file.title)") }
            if !files.isEmpty { lines.append("") }
            for note in set.notes where note.target == target {
                lines.append((note.severity == .warning ? "- **Warning:** " : "- ") + note.text)
            }
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return Artifact(
            fileName: notesFileName, title: "What each file is for and what applying it does",
            kind: .notes, target: .local, text: lines.joined(separator: "\n") + "\n")
    }
}
