import RemoteClusterKit

/// The cross-cluster API key: created on the remote through its REST API (URL, user, password
/// masked; search and replication patterns, optional query and field security, expiration, a
/// default name), with the exact request shown first; or an encoded key pasted and checked. A `*`
/// pattern asks to confirm. The key is kept in memory only.
public struct APIKeyScreen: WizardScreen {
    public let id = ScreenID.apiKey
    public private(set) var parts: FormAndReview

    public init(_ context: WizardContext) {
        var form = ScreenForm(Self.step(context.answers, secrets: context.secrets))
        form.fit(context)
        parts = FormAndReview(
            form: form,
            review: StepReview(.apiKey, title: "Cross-cluster API key", lines: [], fileName: "api-key-request.txt"))
    }

    static let modes = [
        ChoiceOption(id: "create", title: "Create it on the remote", detail: "through its REST API, shown first"),
        ChoiceOption(id: "paste", title: "Paste an encoded key", detail: "made earlier, e.g. in Kibana"),
    ]

    static func step(_ answers: SetupAnswers, secrets: SetupSecrets) -> WizardStep {
        var list = ChoiceList(modes)
        list.select(id: answers.apiKeyMode)
        var fields = [FormField(id: "apiKeyMode", label: "The key", control: .choice(list))]
        if answers.apiKeyMode == "paste" {
            fields.append(
                .secret(
                    "encodedKey", "Encoded key", value: secrets.encodedKey, placeholder: "the \"encoded\" value",
                    validators: [.text { Validators.encodedAPIKey($0, field: "Encoded key") }]))
        } else {
            let password = FormField.secret(
                "remotePassword", "Password", value: secrets.remotePassword,
                validators: [.required("Password", fix: "Type the user's password.")])
            fields += [
                .text(
                    "remoteURL", "Remote REST URL", value: answers.remoteURL,
                    placeholder: "https://remote.example.net:9200",
                    validators: [.text { Validators.clusterURL($0, field: "Remote REST URL") }]),
                .text(
                    "remoteUser", "User", value: answers.remoteUser,
                    note: "Needs the manage_security privilege on the remote.",
                    validators: [.required("User", fix: "Type a user allowed to create API keys, e.g. elastic.")]),
                password,
                .path(
                    "remoteHTTPCAFile", "REST CA file", value: answers.remoteHTTPCAFile,
                    placeholder: "empty: publicly trusted"),
                .text(
                    "keyName", "Key name",
                    value: answers.keyName.isEmpty ? SetupDefaults.keyName(answers) : answers.keyName,
                    validators: [.text { Validators.apiKeyName($0, field: "Key name") }]),
                .text(
                    "searchPatterns", "Search access", value: answers.searchPatterns,
                    placeholder: "e.g. logs-*, metrics-*",
                    note: "Index patterns the local cluster may search; comma separated.",
                    validators: [Validator(patternsProblems(field: "Search access", otherID: "replicationPatterns"))]),
                .text(
                    "replicationPatterns", "Replication", value: answers.replicationPatterns,
                    placeholder: "optional, for cross-cluster replication",
                    validators: [Validator(patternsProblems(field: "Replication", otherID: "searchPatterns"))]),
                .text(
                    "searchQuery", "Query (DLS)", value: answers.searchQuery,
                    placeholder: "optional JSON, e.g. {\"term\":{\"team\":\"ops\"}}",
                    validators: [.text(queryProblems)]),
                .text(
                    "searchFields", "Fields (FLS)", value: answers.searchFields,
                    placeholder: "optional, fields to grant, e.g. @timestamp, message"),
                .text(
                    "expiration", "Expires in", value: answers.expiration, placeholder: "never",
                    note: "For example 90d; empty: the key never expires.",
                    validators: [.text { Validators.expiration($0, field: "Expires in") }]),
            ]
        }
        return WizardStep(id: "apiKey", title: "Cross-cluster API key", fields: fields)
    }

    /// Search and replication: at least one of the two, each a valid list of patterns.
    static func patternsProblems(field: String, otherID: String) -> @Sendable (FieldValue, Answers) -> [FieldProblem] {
        { value, answers in
            guard case .text(let text) = value else { return [] }
            let patterns = SetupAnswers.list(text)
            if patterns.isEmpty {
                if !SetupAnswers.list(answers.text(otherID)).isEmpty || field == "Replication" { return [] }
                return [
                    FieldProblem(
                        field: field, problem: "is empty and so is Replication",
                        fix: "Give the index patterns the local cluster may search (e.g. logs-*), or replicate.")
                ]
            }
            return Validators.indexPatterns(patterns, field: field)
        }
    }

    static let queryProblems: @Sendable (String) -> [FieldProblem] = { text in
        guard !text.isEmpty else { return [] }
        guard let parsed = try? JSONValue.parse(text), parsed.objectValue != nil else {
            return [
                FieldProblem(
                    field: "Query (DLS)", problem: "is not a JSON object",
                    fix: "Write a query object such as {\"term\":{\"team\":\"ops\"}}, or leave it empty.")
            ]
        }
        return []
    }

    private mutating func commit(_ context: inout WizardContext) {
        let answers = parts.form.answers
        context.answers.apiKeyMode = answers.choice("apiKeyMode") ?? "create"
        if context.answers.apiKeyMode == "paste" {
            context.secrets.encodedKey = answers.secret("encodedKey")
            return
        }
        context.answers.remoteURL = answers.text("remoteURL")
        context.answers.remoteUser = answers.text("remoteUser")
        context.secrets.remotePassword = answers.secret("remotePassword")
        context.answers.remoteHTTPCAFile = answers.text("remoteHTTPCAFile")
        context.answers.keyName = answers.text("keyName")
        context.answers.searchPatterns = answers.text("searchPatterns")
        context.answers.replicationPatterns = answers.text("replicationPatterns")
        context.answers.searchQuery = answers.text("searchQuery")
        context.answers.searchFields = answers.text("searchFields")
        context.answers.expiration = answers.text("expiration")
    }

    /// The exact request (or, for a pasted key, what is checked), from the engine's preview.
    func previewLines(_ context: WizardContext) -> [String] {
        let lines = StepReview.lines(context.preview(of: .apiKey), context: context)
        if !lines.isEmpty { return lines }
        // Before the engine describes it: the request body the answers make.
        guard let request = SetupPlanning.keyRequest(context.answers) else { return [] }
        return ElasticsearchRequests.createCrossClusterAPIKey(request).description
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Whether a pattern grants every index.
    var grantsEverything: Bool {
        (SetupAnswers.list(parts.form.answers.text("searchPatterns"))
            + SetupAnswers.list(parts.form.answers.text("replicationPatterns"))).contains("*")
    }

    // MARK: Update

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        if parts.form.answers.text("keyName").isEmpty, context.answers.apiKeyMode == "create" {
            parts.form.suggestText("keyName", SetupDefaults.keyName(context.answers))
        }
        parts.form.fit(context)
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        let modeBefore = parts.form.answers.choice("apiKeyMode")
        let handled = parts.handle(message, &context, preview: previewLines)
        if parts.form.answers.choice("apiKeyMode") != modeBefore {
            // Pasting asks for the key instead of the REST API: rebuild the fields, keep the values.
            commit(&context)
            parts.form = ScreenForm(Self.step(context.answers, secrets: context.secrets))
            parts.form.focus("apiKeyMode")
            parts.form.fit(context)
        }
        switch handled {
        case .done(let response): return response
        case .answered(let index):
            return index == 0 ? ScreenResponse(parts.review.run.start(&context)) : .none
        case .finished(let outcome):
            if let key = context.outputs.credentials { context.secrets.encodedKey = key }
            if case .done = outcome, context.outputs.keyCreated {
                let name = context.outputs.keyName ?? context.answers.keyName
                context.record(
                    AppliedChange(
                        screen: id, what: "Cross-cluster API key \(name) created",
                        place: "remote \(context.answers.remoteURL)",
                        undo: "DELETE /_security/api_key {\"name\": \"\(name)\"} on the remote"))
            }
            return .none
        case .formKey(.submitted, let effects):
            commit(&context)
            parts.openReview(previewLines(context))
            // The request that creates the key is what to read first.
            parts.review.scroll(toLineContaining: "POST /_security/cross_cluster/api_key")
            return ScreenResponse(effects)
        case .formKey(.back, let effects): return ScreenResponse(effects, navigation: .back)
        case .formKey(_, let effects): return ScreenResponse(effects)
        case .reviewKey(.enter):
            if parts.review.run.succeeded { return .go(.next) }
            if context.answers.apiKeyMode == "create" && grantsEverything {
                parts.dialog = .confirm(
                    title: "Every index",
                    message:
                        "The pattern * lets the local cluster read every index of the remote, including ones created later. Create the key anyway?",
                    yes: "Create", no: "Change it")
                return .none
            }
            return ScreenResponse(parts.review.run.start(&context))
        case .reviewKey(.escape):
            parts.reviewing = false
            return .none
        case .reviewKey: return .none
        }
    }

    // MARK: Render

    public func title(_ context: WizardContext) -> String { "Cross-cluster API key" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        parts.render(
            into: &buffer, rect: rect, context: context, theme: theme,
            spinnerLabel: context.answers.apiKeyMode == "create"
                ? "Creating the key on the remote…" : "Checking the key…")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        parts.keyHints(
            formEnter: "show the request", review: [KeyHint("Enter", enterAction(context)), KeyHint("Esc", "edit")])
    }

    /// What Enter does in the review.
    func enterAction(_ context: WizardContext) -> String {
        if parts.review.run.succeeded { return "continue" }
        return context.answers.apiKeyMode == "create" ? "create the key" : "use this key"
    }

    public var help: HelpText {
        HelpText(
            "Cross-cluster API key",
            [
                "The local cluster authenticates to the remote with a cross-cluster API key, created on the remote with POST /_security/cross_cluster/api_key by a user with manage_security. Its access says which remote indices the local cluster may search (search) or follow (replication); document and field security narrow search further.",
                "The request is shown in full before it is sent. The encoded key it returns stays in memory: it goes into the local keystore Secret on a later screen and is never written to the progress file or shown.",
                "If you already have a key (for example made in Kibana), choose Paste and give its encoded value.",
                "Effective access is the intersection of this key's access and the local user's role (remote_indices), which the Role screen can create.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        parts.plain(
            context, waiting: "Working on the key…",
            actions: [PlainAction("", enterAction(context), key: .enter), PlainAction("e", "edit", key: .escape)])
    }

    public var takesText: Bool { parts.takesText }
    public var dialog: ModalDialog? { parts.dialog }
}
