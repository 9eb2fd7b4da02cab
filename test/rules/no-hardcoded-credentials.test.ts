import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/detectors/formats.js";
import { at, FIXTURES, lintFixture } from "../helpers.js";

const RULE = "no-hardcoded-credentials";

describe("no-hardcoded-credentials: known formats", () => {
  it("finds every detector's format, with the range covering the secret itself", async () => {
    const { results } = await lintFixture("no-hardcoded-credentials/formats", { only: "no-hardcoded-credentials" });
    const messages = results[0]?.messages ?? [];
    const ids = messages.map((m) => /\(([a-z0-9-]+)\): /.exec(m.message)?.[1]);
    expect(new Set(ids)).toEqual(new Set(DETECTORS.map((d) => d.id)));
    expect(messages.every((m) => m.ruleId === RULE && m.severity === 2)).toBe(true);
    // one credential per `vNN = "..."` line; the range starts after the prefix the format needs
    const prefixed: Record<string, number> = {
      "aws-secret-access-key": 34,
      "azure-storage-account-key": 21,
      "azure-sas-token": 61,
      "slack-webhook-url": 43,
      "hetzner-api-token": 25,
      "datadog-api-key": 23,
      "datadog-app-key": 28,
      "url-credentials": 25,
      "coder-session-token": 30,
    };
    const single = messages.filter((m) => m.line >= 3 && m.line <= 52);
    expect(single.map((m) => [m.line, m.column, m.endLine])).toEqual(
      single.map((m, i) => [i + 3, prefixed[ids[messages.indexOf(m)] ?? ""] ?? 10, i + 3]),
    );
    // the multi-line keys are reported from BEGIN to END
    expect(messages.filter((m) => m.line > 52).map((m) => [ids[messages.indexOf(m)], m.line, m.column, m.endLine, m.endColumn])).toEqual([
      ["private-key", 57, 1, 78, 30],
      ["openssh-private-key", 85, 1, 106, 34],
      ["pgp-private-key", 109, 1, 130, 36],
      ["putty-private-key", 132, 10, 132, 40],
      ["gcp-service-account-key", 136, 36, 136, 61],
    ]);
  });

  it("each finding's end column is the end of the secret", async () => {
    const { results } = await lintFixture("no-hardcoded-credentials/formats", { only: "no-hardcoded-credentials" });
    const text = readFileSync(join(FIXTURES, "no-hardcoded-credentials/formats/main.tf"), "utf8").split("\n");
    for (const m of results[0]?.messages ?? []) {
      if (m.line !== m.endLine) continue;
      const line = text[m.line - 1] ?? "";
      const after = line[m.endColumn - 1] ?? "";
      // a secret ends at a quote, an @ (URL password) or the end of the line
      expect(['"', "@", "", "%"].includes(after) || /[^A-Za-z0-9_\-+/=]/.test(after)).toBe(true);
    }
  });
});

describe("no-hardcoded-credentials: secret-named literals", () => {
  it("reads the languages a script carries: JSON, YAML, .env, PHP, SQL and shell flags, placeholders aside", async () => {
    const { findings, results } = await lintFixture("no-hardcoded-credentials/embedded", { only: "no-hardcoded-credentials" });
    expect(findings).toEqual([
      at("main.tf", RULE, 6, 28, 6, 39),
      at("main.tf", RULE, 10, 17, 10, 28),
      at("main.tf", RULE, 13, 25, 13, 36),
      at("main.tf", RULE, 15, 39, 15, 50),
      at("main.tf", RULE, 16, 28, 16, 39),
      at("main.tf", RULE, 18, 44, 18, 55),
      at("main.tf", RULE, 19, 21, 19, 32),
      at("main.tf", RULE, 20, 21, 20, 32),
      at("main.tf", RULE, 21, 42, 21, 53), // sed 's/PASSWORD=changeme/PASSWORD=<this>/': the value set, not the expression
    ]);
    expect(results[0]?.messages.map((m) => /credential in (.*?): /.exec(m.message)?.[1])).toEqual([
      "config password", // JSON (the api_key next to it is a substitution marker)
      "YAML password", // password_file: a path is not reported
      "shell SMTP_PASSWORD", // .env line
      "PHP password",
      "PHP DB_PASSWORD",
      "SQL password",
      "shell password", // mysql -p<password>
      "shell password", // --password <value>
      "shell PASSWORD",
    ]);
  });

  it("reads name/value pairs, KEY=value strings and URL credentials (query parameters, a password before an interpolated host)", async () => {
    const { findings, results } = await lintFixture("no-hardcoded-credentials/pairs", { only: "no-hardcoded-credentials" });
    expect(findings).toEqual([
      at("main.tf", RULE, 2, 29, 2, 44), // postgres://app:<password>@${var.db_host}
      at("main.tf", RULE, 3, 65, 3, 83), // ?channel=ops&token=<token>
      at("main.tf", RULE, 17, 22, 17, 33), // Kubernetes env { name = "DB_PASSWORD", value = ... }
      at("main.tf", RULE, 32, 14, 32, 26), // Helm set_sensitive { name = "auth.postgresPassword", value = ... }
      at("main.tf", RULE, 39, 15, 39, 43), // coder_env name/value
      at("main.tf", RULE, 43, 33, 43, 44), // env = ["POSTGRES_PASSWORD=..."]
      at("main.tf", RULE, 44, 38, 44, 54), // command = [..., "-e", "API_TOKEN=..."]
      at("main.tf", RULE, 48, 33, 48, 43), // user and password alike: the span is the password's
    ]);
    expect(results[0]?.messages.map((m) => /credential in (.*?): /.exec(m.message)?.[1] ?? m.message.slice(0, 40))).toEqual([
      "Hard-coded Password in a URL (url-credentials)".slice(0, 40),
      'URL query parameter "token"',
      'resource.kubernetes_deployment.app.spec.template.spec.container.env (name "DB_PASSWORD")',
      'resource.helm_release.db.set_sensitive (name "auth.postgresPassword")',
      'resource.coder_env.key (name "OPENAI_API_KEY")',
      'env entry "POSTGRES_PASSWORD"',
      'env entry "API_TOKEN"',
      "Hard-coded Password in a URL (url-credentials)".slice(0, 40),
    ]);
  });

  it("reports literals in secret-named places, shell text, comments and .tfvars", async () => {
    const { findings } = await lintFixture("no-hardcoded-credentials/named", { only: "no-hardcoded-credentials" });
    expect(findings).toEqual([
      at("main.tf", RULE, 3, 14, 3, 28), // variable default
      at("main.tf", RULE, 8, 14, 8, 30), // parameter default
      at("main.tf", RULE, 15, 17, 15, 25), // weak provider password
      at("main.tf", RULE, 21, 22, 21, 42), // object key in a local
      at("main.tf", RULE, 28, 21, 28, 41), // workspace preset parameter
      at("main.tf", RULE, 36, 22, 36, 41), // export in a heredoc
      at("main.tf", RULE, 37, 23, 37, 38), // --password flag
      at("main.tf", RULE, 41, 21, 41, 35), // comment
      at("main.tf", RULE, 46, 33, 46, 43), // a weak key of a local service
      at("main.tf", RULE, 47, 26, 47, 32), // "secret" as the value of an API key: weak, not the field's own name
      at("terraform.tfvars", RULE, 1, 19, 1, 39),
    ]);
  });

  it("masks the value in the message", async () => {
    const { results } = await lintFixture("no-hardcoded-credentials/named", { only: "no-hardcoded-credentials" });
    expect(results[0]?.messages[0]?.message).toBe(
      'Hard-coded credential in default of variable "db_password": Win\u2026(14 chars). Template source is readable by every template user and kept in every template version; rotate it and use a sensitive variable, data "coder_secret" or a secrets manager.',
    );
  });

  it("reads .tftpl files as shell", async () => {
    expect((await lintFixture("no-hardcoded-credentials/tftpl", { only: "no-hardcoded-credentials" })).findings).toEqual([at("startup.tftpl", RULE, 2, 26, 2, 34)]);
  });

  it("stays silent on placeholders, examples, references, names, hashes, public keys, digests and ids", async () => {
    expect((await lintFixture("no-hardcoded-credentials/good", { only: "no-hardcoded-credentials" })).findings).toEqual([]);
  });
});
