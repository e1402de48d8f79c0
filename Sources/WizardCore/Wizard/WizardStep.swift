import RemoteClusterKit

/// One step of a wizard: a title, an optional introduction, fields, and a rule saying whether
/// earlier answers make the step apply. A step without fields is drawn by the program itself
/// (a viewer, a live table); the wizard still handles its place in the order.
public struct WizardStep: Sendable {
    public let id: String
    public var title: String
    /// The short name in the step rail.
    public var shortTitle: String
    /// Text shown above the fields.
    public var intro: String?
    public var fields: [FormField]
    /// The index of the focused field.
    public var focus = 0
    /// Whether the step applies, given the answers so far. Hidden steps are skipped both ways.
    public var isVisible: @Sendable (Answers) -> Bool

    public init(
        id: String, title: String, shortTitle: String? = nil, intro: String? = nil, fields: [FormField] = [],
        isVisible: @escaping @Sendable (Answers) -> Bool = { _ in true }
    ) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle ?? title
        self.intro = intro
        self.fields = fields
        self.isVisible = isVisible
    }

    /// The focused field, if the step has fields.
    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// Index of the field with this id.
    public func index(of fieldID: String) -> Int? { fields.firstIndex { $0.id == fieldID } }
}
