import Foundation
import Testing
@testable import RemoteClusterKit

/// Plan files: the whole format of PLAN.md, relative paths, and bad plans whose problems name
/// their YAML path.
@Suite struct PlanParserTests {
    /// A plan folder with the CA and key files the plans below refer to.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rcw-plan-tests-\(UUID().uuidString)")
        let files = FileManager.default
        try? files.createDirectory(at: url.appendingPathComponent("certs"), withIntermediateDirectories: true)
        try? files.createDirectory(at: url.appendingPathComponent("secrets"), withIntermediateDirectories: true)
        let ca = (try? TestPaths.fixtureText("remote-ca.crt")) ?? ""
        for name in ["logs-ca.crt", "remote-http-ca.crt", "dc2-ca.crt", "local-http-ca.crt"] {
            try? ca.write(to: url.appendingPathComponent("certs/\(name)"), atomically: true, encoding: .utf8)
        }
        try? "VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ==\n".write(
            to: url.appendingPathComponent("secrets/dc2-archive.key"), atomically: true, encoding: .utf8)
        return url
    }()

    /// The example of PLAN.md.
    static let example = """
        remotes:
          - alias: eu-logs                 # validated like the wizard's alias
            type: eck                      # ech | ece | eck | self-managed
            proxyAddress: lb.example.net:9443
            serverName: logs-es-remote-cluster.logs.svc   # optional
            ca: certs/logs-ca.crt          # omit when publicly trusted
            skipUnavailable: true          # optional
            eck: {name: logs, namespace: logs, context: remote-ctx, version: "3.3.0"}   # type eck only
            apiKey:                        # one of: create, encodedEnv, encodedFile
              create:
                url: https://remote.example.net:9200
                user: admin
                passwordEnv: REMOTE_PASSWORD
                ca: certs/remote-http-ca.crt
                name: eu-logs-from-central
                expiration: 90d
                access:
                  search: [{names: ["logs-*"]}]
                  replication: [{names: ["archive-*"]}]
          - alias: dc2-archive
            type: self-managed
            mode: sniff                    # self-managed only; default proxy
            seeds: ["10.20.0.11:9443", "10.20.0.12:9443"]
            ca: certs/dc2-ca.crt
            apiKey: {encodedFile: secrets/dc2-archive.key}
        local:
          url: https://central.example.net:9200
          user: elastic
          passwordEnv: LOCAL_PASSWORD
          ca: certs/local-http-ca.crt
          eck: {name: central, namespace: search, context: local-ctx}
          applyManifests: kubectl          # kubectl | files | none
          manifestsDir: out/manifests
        role:                              # optional
          name: remote-logs-reader
          names: ["logs-*"]
          privileges: [read, read_cross_cluster, view_index_metadata]
        """

    static func parse(_ yaml: String) throws(PlanError) -> ParsedPlan {
        try Plan.parse(yaml: yaml, folder: folder)
    }

    @Test func readsTheExampleOfPlanMD() throws {
        let parsed = try Self.parse(Self.example)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        let plan = parsed.plan
        #expect(plan.remotes.count == 2)
        let logs = plan.remotes[0]
        #expect(logs.alias == "eu-logs")
        #expect(logs.type == .eck)
        #expect(logs.mode == .proxy)
        #expect(logs.proxyAddress == "lb.example.net:9443")
        #expect(logs.serverName == "logs-es-remote-cluster.logs.svc")
        #expect(logs.ca == Self.folder.appendingPathComponent("certs/logs-ca.crt").standardizedFileURL)
        #expect(logs.skipUnavailable == true)
        #expect(
            logs.eck
                == ECKClusterReference(
                    name: "logs", namespace: "logs", context: "remote-ctx", version: ECKVersion(3, 3, 0)))
        guard case .create(let creation) = logs.apiKey else { Issue.record("expected create"); return }
        #expect(creation.url == "https://remote.example.net:9200")
        #expect(creation.user == "admin")
        #expect(creation.passwordEnv == "REMOTE_PASSWORD")
        #expect(
            creation.key.json == [
                "name": "eu-logs-from-central", "expiration": "90d",
                "access": ["search": [["names": ["logs-*"]]], "replication": [["names": ["archive-*"]]]],
            ])
        let archive = plan.remotes[1]
        #expect(archive.type == .selfManaged)
        #expect(archive.mode == .sniff)
        #expect(archive.seeds == ["10.20.0.11:9443", "10.20.0.12:9443"])
        #expect(
            archive.apiKey
                == .encodedFile(Self.folder.appendingPathComponent("secrets/dc2-archive.key").standardizedFileURL))
        #expect(plan.local.eck == ECKClusterReference(name: "central", namespace: "search", context: "local-ctx"))
        #expect(plan.local.applyManifests == .kubectl)
        #expect(
            plan.local.manifestsDir.path == Self.folder.appendingPathComponent("out/manifests").standardizedFileURL.path
        )
        #expect(plan.role == RemoteRoleSetup(name: "remote-logs-reader", indexNames: ["logs-*"]))
    }

    @Test func secretsAreResolvedAtUseTime() throws {
        let plan = try Self.parse(Self.example).plan
        let resolver = PlanSecretResolver(environment: [
            "LOCAL_PASSWORD": "local-secret", "REMOTE_PASSWORD": "remote-secret",
        ])
        #expect(try resolver.localPassword(for: plan).revealed == "local-secret")
        #expect(try resolver.creationPassword(for: plan.remotes[0])?.revealed == "remote-secret")
        #expect(try resolver.encodedKey(for: plan.remotes[1])?.revealed == "VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ==")
        #expect(try resolver.encodedKey(for: plan.remotes[0]) == nil)
        let missing = PlanSecretResolver(environment: [:])
        #expect(throws: FieldProblem.self) { try missing.localPassword(for: plan) }
        do {
            _ = try missing.localPassword(for: plan)
        } catch {
            #expect(error.field == "local.passwordEnv")
            #expect(error.problem.contains("LOCAL_PASSWORD"))
        }
    }

    @Test func absolutePathsStayAndTildeExpands() throws {
        let yaml = Self.example.replacingOccurrences(
            of: "ca: certs/dc2-ca.crt", with: "ca: \(Self.folder.path)/certs/dc2-ca.crt")
        let plan = try Self.parse(yaml).plan
        #expect(plan.remotes[1].ca?.path == Self.folder.appendingPathComponent("certs/dc2-ca.crt").path)
        #expect(
            PlanNodeReader.resolve("~/x.crt", folder: Self.folder).path
                == (NSHomeDirectory() as NSString).appendingPathComponent("x.crt"))
    }

    /// A bad plan, the YAML path its first error must name, and words the problem or fix contain.
    struct BadPlan: Sendable, CustomTestStringConvertible {
        var name: String
        var replace: String
        var with: String
        var path: String
        var words: String
        var testDescription: String { name }
    }

    static let badPlans: [BadPlan] = [
        BadPlan(
            name: "typo in a key", replace: "    proxyAddress: lb.example.net:9443",
            with: "    proxyAdress: lb.example.net:9443",
            path: "remotes[0].proxyAdress", words: "Did you mean `proxyAddress`?"),
        BadPlan(
            name: "snake_case key", replace: "    skipUnavailable: true", with: "    skip_unavailable: true",
            path: "remotes[0].skip_unavailable", words: "Did you mean `skipUnavailable`?"),
        BadPlan(
            name: "unknown top-level key", replace: "role:", with: "roles:", path: "roles",
            words: "Did you mean `role`?"),
        BadPlan(
            name: "bad alias", replace: "alias: eu-logs", with: "alias: eu.logs", path: "remotes[0].alias",
            words: "alias"),
        BadPlan(
            name: "duplicate alias", replace: "alias: dc2-archive", with: "alias: eu-logs", path: "remotes[1].alias",
            words: "already the alias of remotes[0]"),
        BadPlan(
            name: "unknown type", replace: "type: eck", with: "type: ECK", path: "remotes[0].type",
            words: "Did you mean `eck`?"),
        BadPlan(
            name: "eck without eck block",
            replace:
                "    eck: {name: logs, namespace: logs, context: remote-ctx, version: \"3.3.0\"}   # type eck only\n",
            with: "",
            path: "remotes[0].eck", words: "required for type eck"),
        BadPlan(
            name: "eck block on self-managed", replace: "    mode: sniff",
            with: "    mode: sniff\n    eck: {name: a, namespace: b, version: \"3.3\"}",
            path: "remotes[1].eck", words: "only applies to type eck"),
        BadPlan(
            name: "bad eck version", replace: "version: \"3.3.0\"", with: "version: three",
            path: "remotes[0].eck.version", words: "not a version"),
        BadPlan(
            name: "eck without version", replace: ", version: \"3.3.0\"}", with: "}", path: "remotes[0].eck.version",
            words: "is required"),
        BadPlan(
            name: "proxy address without port", replace: "proxyAddress: lb.example.net:9443",
            with: "proxyAddress: lb.example.net",
            path: "remotes[0].proxyAddress", words: "port"),
        BadPlan(
            name: "sniff on eck", replace: "    proxyAddress: lb.example.net:9443",
            with: "    mode: sniff\n    seeds: [\"a:9443\"]",
            path: "remotes[0].mode", words: "sniff mode does not work"),
        BadPlan(
            name: "seeds in proxy mode",
            replace: "    mode: sniff                    # self-managed only; default proxy\n",
            with: "    proxyAddress: x.example.net:9443\n",
            path: "remotes[1].seeds", words: "only applies in sniff mode"),
        BadPlan(
            name: "two key sources", replace: "apiKey: {encodedFile: secrets/dc2-archive.key}",
            with: "apiKey: {encodedFile: secrets/dc2-archive.key, encodedEnv: KEY}",
            path: "remotes[1].apiKey", words: "only one may be given"),
        BadPlan(
            name: "no key source", replace: "apiKey: {encodedFile: secrets/dc2-archive.key}", with: "apiKey: {}",
            path: "remotes[1].apiKey", words: "exactly one of create, encodedEnv, encodedFile"),
        BadPlan(
            name: "missing key file", replace: "secrets/dc2-archive.key", with: "secrets/nope.key",
            path: "remotes[1].apiKey.encodedFile", words: "no readable file"),
        BadPlan(
            name: "bad env name", replace: "passwordEnv: REMOTE_PASSWORD", with: "passwordEnv: $REMOTE-PASSWORD",
            path: "remotes[0].apiKey.create.passwordEnv", words: "not an environment variable name"),
        BadPlan(
            name: "empty access",
            replace: "          search: [{names: [\"logs-*\"]}]\n          replication: [{names: [\"archive-*\"]}]",
            with: "          search: []",
            path: "remotes[0].apiKey.create.access", words: "grants nothing"),
        BadPlan(
            name: "field security on replication", replace: "replication: [{names: [\"archive-*\"]}]",
            with: "replication: [{names: [\"archive-*\"], fieldSecurity: {grant: [a]}}]",
            path: "remotes[0].apiKey.create.access.replication[0].fieldSecurity", words: "replication does not support"),
        BadPlan(
            name: "bad expiration", replace: "expiration: 90d", with: "expiration: 90 days",
            path: "remotes[0].apiKey.create.expiration", words: ""),
        BadPlan(
            name: "bad url", replace: "url: https://remote.example.net:9200", with: "url: remote example",
            path: "remotes[0].apiKey.create.url", words: ""),
        BadPlan(
            name: "missing HTTP CA file", replace: "ca: certs/remote-http-ca.crt", with: "ca: certs/missing.crt",
            path: "remotes[0].apiKey.create.ca", words: "no file"),
        BadPlan(
            name: "skipUnavailable not a bool", replace: "skipUnavailable: true", with: "skipUnavailable: sometimes",
            path: "remotes[0].skipUnavailable", words: "true or false"),
        BadPlan(
            name: "seeds not a list", replace: "seeds: [\"10.20.0.11:9443\", \"10.20.0.12:9443\"]",
            with: "seeds: 10.20.0.11:9443",
            path: "remotes[1].seeds", words: "must be a list"),
        BadPlan(
            name: "local without eck", replace: "  eck: {name: central, namespace: search, context: local-ctx}\n",
            with: "",
            path: "local.eck", words: "is required"),
        BadPlan(
            name: "bad namespace", replace: "namespace: search", with: "namespace: Search_NS",
            path: "local.eck.namespace", words: "not a valid namespace"),
        BadPlan(
            name: "bad applyManifests", replace: "applyManifests: kubectl", with: "applyManifests: helm",
            path: "local.applyManifests", words: "kubectl, files, none"),
        BadPlan(
            name: "remotes not a list", replace: "remotes:\n  - alias: eu-logs",
            with: "remotes: eu-logs\nx:\n  - alias: eu-logs", path: "remotes", words: "must be a list"),
        BadPlan(
            name: "role without names", replace: "  names: [\"logs-*\"]\n", with: "", path: "role.names",
            words: "is required"),
        BadPlan(
            name: "key name with a leading underscore", replace: "name: eu-logs-from-central",
            with: "name: _eu-logs-from-central", path: "remotes[0].apiKey.create.name",
            words: "begins with '_', which Elasticsearch keeps for its own keys"),
        BadPlan(
            name: "duplicate key", replace: "    type: eck ", with: "    type: eck\n    type: ech ", path: "(plan)",
            words: "the mapping at line 3 has `type` more than once"),
    ]

    @Test(arguments: badPlans)
    func badPlanNamesItsYAMLPath(_ bad: BadPlan) throws {
        #expect(Self.example.contains(bad.replace), "the test's replacement text must be in the example")
        let yaml = Self.example.replacingOccurrences(of: bad.replace, with: bad.with)
        do {
            let parsed = try Self.parse(yaml)
            Issue.record("the plan was accepted; warnings: \(parsed.warnings)")
        } catch {
            let matching = error.problems.filter { $0.field == bad.path }
            #expect(!matching.isEmpty, "no problem for \(bad.path) in: \(error.problems.map(\.description))")
            if !bad.words.isEmpty {
                #expect(matching.contains { $0.description.contains(bad.words) }, "\(matching.map(\.description))")
            }
            for problem in error.problems { #expect(problem.fix.hasSuffix("."), "a fix is a sentence: \(problem.fix)") }
        }
    }

    @Test func allProblemsAreReportedAtOnce() {
        let yaml = Self.example
            .replacingOccurrences(of: "alias: eu-logs", with: "alias: EU LOGS")
            .replacingOccurrences(of: "applyManifests: kubectl", with: "applyManifests: maybe")
            .replacingOccurrences(
                of: "    proxyAddress: lb.example.net:9443", with: "    proxyAddres: lb.example.net:9443")
        do {
            _ = try Self.parse(yaml)
            Issue.record("accepted")
        } catch {
            let fields = Set(error.problems.map(\.field))
            #expect(
                fields.isSuperset(of: [
                    "remotes[0].alias", "local.applyManifests", "remotes[0].proxyAddres", "remotes[0].proxyAddress",
                ]), "\(fields)")
            #expect(error.description.contains("problems"))
        }
    }

    /// Another YAML file given as the plan gets one problem that says so, not one per key.
    @Test(arguments: [
        (
            "apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec: {}\n",
            "(plan): looks like a Kubernetes manifest, not a plan (it has `apiVersion`, `kind`, `metadata` and 1 more) (line 1)"
        ),
        (
            "root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n",
            "(plan): has none of a plan's keys (it has `root:*:20228:0:99999:7::`, `daemon:*:20228:0:99999:7::`) (line 1)"
        ),
    ])
    func anotherFileIsNotAPlan(_ text: String, _ expected: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == 1, "\(error.problems)")
            #expect(error.problems.first.map { "\($0.field): \($0.problem)" } == expected)
            #expect(error.problems.first?.fix.contains("docs/plan.md") == true)
        }
    }

    /// A plan with one plan key among unknown ones is checked key by key, as before.
    @Test func onePlanKeyMeansEveryKeyIsChecked() {
        do {
            _ = try Self.parse("apiVersion: v1\nlocal: {}\n")
            Issue.record("accepted")
        } catch {
            let fields = Set(error.problems.map(\.field))
            #expect(fields.isSuperset(of: ["apiVersion", "remotes"]), "\(fields)")
        }
    }

    @Test func invalidYAMLAndEmptyPlansAreReported() {
        for text in ["remotes: [", "", "- a\n- b"] {
            #expect(throws: PlanError.self, "\(text)") { try Self.parse(text) }
        }
    }

    @Test func aCAForECHIsOnlyAWarning() throws {
        let yaml = Self.example.replacingOccurrences(
            of:
                "    type: self-managed\n    mode: sniff                    # self-managed only; default proxy\n    seeds: [\"10.20.0.11:9443\", \"10.20.0.12:9443\"]",
            with: "    type: ech\n    proxyAddress: abc.eu-west-1.aws.found.io:9443")
        let parsed = try Self.parse(yaml)
        #expect(parsed.warnings.map(\.field) == ["remotes[1].ca"])
        #expect(parsed.plan.remotes[1].type == .ech)
    }

    @Test func missingECKCAIsOnlyAWarning() throws {
        let yaml = Self.example.replacingOccurrences(of: "ca: certs/logs-ca.crt", with: "ca: certs/not-saved-yet.crt")
        let parsed = try Self.parse(yaml)
        #expect(parsed.warnings.map(\.field) == ["remotes[0].ca"])
        let setup = try parsed.plan.connectionSetup(
            localElasticsearch: [:], includeSecrets: false, secrets: PlanSecretResolver(environment: [:]))
        #expect(setup.remotes[0].certificateAuthority?.pem == nil)
        #expect(setup.remotes[1].certificateAuthority?.pem != nil)
    }

    @Test func missingSelfManagedCAIsOnlyAWarningNamingTheScript() throws {
        let yaml = Self.example.replacingOccurrences(of: "ca: certs/dc2-ca.crt", with: "ca: certs/not-created-yet.crt")
        let parsed = try Self.parse(yaml)
        #expect(parsed.warnings.map(\.field) == ["remotes[1].ca"])
        #expect(parsed.warnings.first?.fix.contains("remote-dc2-archive-certificates.sh") == true)
        let setup = try parsed.plan.connectionSetup(
            localElasticsearch: [:], includeSecrets: false, secrets: PlanSecretResolver(environment: [:]))
        #expect(setup.remotes[1].certificateAuthority?.pem == nil)
    }

    @Test func includeSecretsReadsTheKeys() throws {
        let plan = try Self.parse(Self.example).plan
        let setup = try plan.connectionSetup(
            localElasticsearch: [:], includeSecrets: true, secrets: PlanSecretResolver(environment: [:]))
        #expect(setup.remotes[0].credentials == nil, "a key to create is not known yet")
        #expect(setup.remotes[1].credentials?.revealed == "VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ==")
        #expect(setup.remotes[0].keyToCreate?.name == "eu-logs-from-central")
    }
}
