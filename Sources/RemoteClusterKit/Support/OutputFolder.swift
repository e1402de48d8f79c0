import Foundation

/// Checks a folder the tool is asked to write into (`manifests --out`) before anything is
/// read or written, so that a file given as the folder gets a sentence, not a system error.
public enum OutputFolder {
    /// What stops `path` from being used (or created) as a folder to write files into, or nil.
    public static func problem(at path: String, field: String) -> FieldProblem? {
        let files = FileManager.default
        let shown = TextExcerpt.quoted(path)
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                return FieldProblem(
                    field: field, problem: "\(shown) is a file, not a folder",
                    fix:
                        "Give a folder for the files (it is created when missing), e.g. \((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)/manifests."
                )
            }
            guard files.isWritableFile(atPath: path) else {
                return FieldProblem(
                    field: field, problem: "the folder \(shown) cannot be written to",
                    fix: "Give a folder you may write in, or change its permissions.")
            }
            return nil
        }
        // The folder will be created: the nearest existing ancestor must be a writable folder.
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !files.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), ancestor.path != "/" {
            ancestor.deleteLastPathComponent()
        }
        if !isDirectory.boolValue {
            return FieldProblem(
                field: field,
                problem: "\(shown) cannot be created: \(TextExcerpt.quoted(ancestor.path)) is a file, not a folder",
                fix: "Give a folder whose parent folders exist or can be created.")
        }
        if !files.isWritableFile(atPath: ancestor.path) {
            return FieldProblem(
                field: field,
                problem:
                    "\(shown) cannot be created: the folder \(TextExcerpt.quoted(ancestor.path)) cannot be written to",
                fix: "Give a folder in a place you may write, e.g. under your home folder.")
        }
        return nil
    }
}
