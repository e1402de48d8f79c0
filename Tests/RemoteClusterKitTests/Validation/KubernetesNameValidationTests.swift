import Testing

@testable import RemoteClusterKit

/// Names of Elasticsearch resources and namespaces, as the wizard and plan files check them.
@Suite struct KubernetesNameValidationTests {
    @Test(arguments: ["logs", "quickstart", "es-1", "a.b-c", String(repeating: "a", count: 63)])
    func validObjectNamesPass(name: String) {
        #expect(Validators.kubernetesObjectName(name, field: "Cluster name").isEmpty)
    }

    @Test(arguments: [
        "Logs", "logs_1", "-logs", "logs-", "lo gs", "\u{1B}[31mred", "é", String(repeating: "a", count: 254),
    ])
    func invalidObjectNamesAreRefusedNamingTheField(name: String) throws {
        let problem = try #require(Validators.kubernetesObjectName(name, field: "Cluster name").first)
        #expect(problem.field == "Cluster name")
        #expect(problem.problem.hasSuffix("is not a valid Kubernetes object name"))
        #expect(problem.fix.contains("kubectl get elasticsearch"))
    }

    @Test func anUpperCaseNameGetsItsLowerCaseForm() throws {
        let problem = try #require(Validators.kubernetesObjectName("Logs", field: "Cluster name").first)
        #expect(problem.fix.hasSuffix(#", e.g. "logs"."#))
    }

    @Test func aNamespaceIsOnlyOfferedALowerCaseFormThatIsANamespace() throws {
        let upper = try #require(Validators.kubernetesNamespace("Logs", field: "Namespace").first)
        #expect(upper.fix.hasSuffix(#", e.g. "logs"."#))
        // "a.b" is a valid object name but not a namespace.
        let dotted = try #require(Validators.kubernetesNamespace("A.b", field: "Namespace").first)
        #expect(!dotted.fix.contains("e.g."))
    }

    @Test(arguments: ["default", "elastic-system", "ns1"])
    func validNamespacesPass(namespace: String) {
        #expect(Validators.kubernetesNamespace(namespace, field: "Namespace").isEmpty)
    }

    @Test(arguments: ["Default", "a.b", "under_score", "\u{1B}[31mred", String(repeating: "n", count: 64)])
    func invalidNamespacesAreRefused(namespace: String) throws {
        let problem = try #require(Validators.kubernetesNamespace(namespace, field: "Namespace").first)
        #expect(problem.problem.hasSuffix("is not a valid namespace name"))
        #expect(problem.fix.contains("kubectl get namespaces"))
    }

    @Test func emptyValuesSayWhatToType() {
        #expect(Validators.kubernetesObjectName("", field: "Cluster name").first?.problem == "is empty")
        #expect(Validators.kubernetesNamespace("", field: "Namespace").first?.problem == "is empty")
    }
}
