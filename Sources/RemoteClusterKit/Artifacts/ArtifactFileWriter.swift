import Foundation

/// Writes an artifact set into a folder: secrets with mode 0600, scripts 0755, the rest 0644.
public enum ArtifactFileWriter {
    /// The mode an artifact's file gets.
    public static func mode(of artifact: Artifact) -> Int {
        artifact.containsSecrets ? 0o600 : (artifact.kind == .shellScript ? 0o755 : 0o644)
    }

    /// Writes every artifact (the folder is created when missing); returns the paths written.
    @discardableResult
    public static func write(_ artifacts: [Artifact], to folder: URL) throws(SecureFileWriter.WriteError) -> [String] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SecureFileWriter.WriteError(path: folder.path, reason: error.localizedDescription)
        }
        var paths: [String] = []
        for artifact in artifacts {
            let path = folder.appendingPathComponent(artifact.fileName).path
            try SecureFileWriter.write(artifact.text, to: path, mode: mode(of: artifact))
            paths.append(path)
        }
        return paths
    }
}
