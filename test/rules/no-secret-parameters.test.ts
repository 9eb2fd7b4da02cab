import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/engine/config.js";
import { lint } from "../../src/engine/linter.js";
import { at, lintFixture, messagesOf } from "../helpers.js";

describe("no-secret-parameters", () => {
  it("reports every parameter that collects a secret, at its block header", async () => {
    const { findings } = await lintFixture("no-secret-parameters/bad", { only: "no-secret-parameters" });
    expect(findings).toEqual([
      at("main.tf", "no-secret-parameters", 2, 1, 2, 38),
      at("main.tf", "no-secret-parameters", 9, 1, 9, 42),
      at("main.tf", "no-secret-parameters", 15, 1, 15, 32),
      at("main.tf", "no-secret-parameters", 23, 1, 23, 32),
      at("main.tf", "no-secret-parameters", 31, 1, 31, 38),
      at("main.tf", "no-secret-parameters", 47, 1, 47, 39),
    ]);
  });

  it("says why and what to use instead", async () => {
    const { results } = await lintFixture("no-secret-parameters/bad", { only: "no-secret-parameters" });
    expect(messagesOf(results)).toEqual([
      'Parameter "github_token" collects a secret (its name says "token"), but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.',
      'Parameter "credential_input" collects a secret (its display name says "password"), but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.',
      'Parameter "masked" collects a secret (it masks its input (styling mask_input = true)), but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.',
      'Parameter "shaped" collects a secret (its validation regex matches a token), but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.',
      'Parameter "flows_to_env" collects a secret (its value is used as env "UPSTREAM_API_KEY" of coder_agent.main), but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.',
      'Parameter "provider_cred" collects a secret (its value is used as provider credential provider.docker.registry_auth.password), but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.',
    ]);
  });

  it("reports a workspace preset that fills a parameter with a secret, at the preset's entry", async () => {
    const { findings, results } = await lintFixture("no-secret-parameters/presets", { only: "no-secret-parameters" });
    expect(findings).toEqual([at("main.tf", "no-secret-parameters", 29, 5, 29, 60), at("main.tf", "no-secret-parameters", 30, 5, 30, 99)]);
    expect(messagesOf(results)[0]).toBe(
      "Preset data.coder_workspace_preset.team fills parameter \"registry_auth\" with secret var.registry_token (a variable declared sensitive = true): a preset's values become the workspace's build parameters, which Coder stores and shows in cleartext. Read the secret where it is used instead of passing it as a parameter.",
    );
  });

  it("reads a key parameter's evidence together: a public-key name excuses nothing its display name, description, input or use says", async () => {
    const { findings, results } = await lintFixture("no-secret-parameters/key-evidence", { only: "no-secret-parameters" });
    expect(findings).toEqual([at("main.tf", "no-secret-parameters", 8, 1, 8, 33), at("main.tf", "no-secret-parameters", 13, 1, 13, 37), at("main.tf", "no-secret-parameters", 18, 1, 18, 40)]);
    expect(messagesOf(results).map((m) => /collects a secret \((.*)\), but/.exec(m)?.[1])).toEqual([
      "it takes a multi-line value (form_type = textarea), as a private key is",
      "its description asks for a private key",
      "its value is used as null_resource.deploy.connection.private_key",
    ]);
  });

  it("takes a name/value pair for what it is: a value set for a secret-named env entry is a secret", async () => {
    const { findings, results } = await lintFixture("no-secret-parameters/pair-sink", { only: "no-secret-parameters" });
    expect(findings).toEqual([at("main.tf", "no-secret-parameters", 2, 1, 2, 35)]);
    expect(messagesOf(results)[0]).toContain('(its value is used as kubernetes_pod.main.spec.container.env "DB_PASSWORD")');
  });

  it("stays silent on numbers, booleans, public keys, choices, names of secrets and passing mentions", async () => {
    const { findings } = await lintFixture("no-secret-parameters/good", { only: "no-secret-parameters" });
    expect(findings).toEqual([]);
  });
});

describe("no-secret-parameters: a negated description asks for nothing", () => {
  // a key parameter (its name says ssh key) whose description is the only evidence
  const template = (description: string): string => `data "coder_parameter" "ssh_key" {\n  name        = "ssh_key"\n  description = ${JSON.stringify(description)}\n}\n`;

  it.each([
    ["Paste your public key (.pub), never the private key", []],
    ["Your SSH public key. Do not paste your private key here", []],
    ["Public key only, not the private key", []],
    ["Upload id_ed25519.pub, not id_ed25519", []],
    // near misses: a negation elsewhere, or after the mention, does not excuse it
    ["Your private key (never share it with anyone)", [[1, 1]]],
    ["No passphrase. Paste the private key", [[1, 1]]],
    ["Paste your id_rsa file", [[1, 1]]],
  ])("%j", async (description, expected) => {
    const dir = mkdtempSync(join(tmpdir(), "csl-negation-"));
    writeFileSync(join(dir, "main.tf"), template(description));
    const run = await lint({ paths: [dir], cwd: dir, config: resolveConfig({ cwd: dir, noConfigLookup: true }) });
    expect(run.results.flatMap((r) => r.messages.filter((m) => m.ruleId === "no-secret-parameters").map((m) => [m.line, m.column]))).toEqual(expected);
  });
});

describe("no-secret-parameters: a preset's computed key names its parameter", () => {
  const template = (key: string): string =>
    [
      'variable "registry_token" {\n  type      = string\n  sensitive = true\n}',
      'data "coder_parameter" "registry" {\n  name = "registry_auth"\n}',
      'data "coder_parameter" "unnamed" {\n}',
      `data "coder_workspace_preset" "team" {\n  name = "team"\n  parameters = {\n    ${key} = var.registry_token\n  }\n}`,
      "",
    ].join("\n");

  it.each([
    ["(data.coder_parameter.registry.name)", 'parameter "registry_auth"'],
    ["(data.coder_parameter.unnamed.name)", 'parameter "unnamed"'],
    ['"registry_auth"', 'parameter "registry_auth"'],
    // a computed key that names no parameter stays "(computed)"
    ['(lower("REGISTRY_AUTH"))', 'parameter "(computed)"'],
  ])("%s", async (key, said) => {
    const dir = mkdtempSync(join(tmpdir(), "csl-preset-"));
    writeFileSync(join(dir, "main.tf"), template(key));
    const run = await lint({ paths: [dir], cwd: dir, config: resolveConfig({ cwd: dir, noConfigLookup: true }) });
    const messages = run.results.flatMap((r) => r.messages.filter((m) => m.ruleId === "no-secret-parameters" && m.message.startsWith("Preset")));
    expect(messages.map((m) => [m.line, m.column, /fills (parameter "[^"]*")/.exec(m.message)?.[1]])).toEqual([[13, 5, said]]);
  });
});
