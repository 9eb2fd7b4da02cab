import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBin } from "./helpers.js";

function copyOf(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "csl-fix-"));
  fixtures.forEach((fixture, i) => {
    cpSync(join(FIXTURES, fixture), join(dir, String(i)), { recursive: true });
  });
  return dir;
}

const FIXED_VARIABLES = `variable "db_password" {
  type      = string
  sensitive = true
}

variable "github_token" {
  type      = string
  sensitive = true
}

variable "api_key" {
  sensitive = true
}

variable "vault_token" {
  description = "Vault token for the workspace"
  type        = string
  default     = "hvs-local-dev-only"
  sensitive   = true
}
`;

const FIXED_LEGACY = `data "coder_workspace" "me" {}

data "coder_workspace_owner" "me" {}

data "coder_external_auth" "github" {
  id = "github"
}

resource "coder_agent" "main" {
  os   = "linux"
  arch = "amd64"
  env = {
    CODER_TOKEN  = data.coder_workspace_owner.me.session_token
    GITHUB_TOKEN = data.coder_external_auth.github.access_token
  }
}
`;

describe("--fix", () => {
  it("adds sensitive = true with the file's indentation and = alignment, rewrites legacy attributes, and is idempotent", () => {
    const dir = copyOf("sensitive-variables/bad", "no-legacy-secret-attributes/bad", "no-cleartext-metadata/bad");
    runBin(["--fix", "."], dir);
    expect(readFileSync(join(dir, "0", "main.tf"), "utf8")).toBe(FIXED_VARIABLES);
    expect(readFileSync(join(dir, "1", "main.tf"), "utf8")).toBe(FIXED_LEGACY);
    const metadata = readFileSync(join(dir, "2", "main.tf"), "utf8");
    expect(metadata).toContain('  item {\n    key       = "VNC password"\n    value     = random_password.vnc.result\n    sensitive = true\n  }\n');
    expect(metadata).toContain('    value     = "token ${data.coder_external_auth.github.access_token}"\n    sensitive = true\n');
    expect(metadata).toContain("    content {\n      key       = item.key\n      value     = item.value\n      sensitive = true\n    }\n");
    const before = [0, 1, 2].map((i) => readFileSync(join(dir, String(i), "main.tf"), "utf8"));
    const again = runBin(["--fix", "-f", "json", "."], dir);
    expect([0, 1, 2].map((i) => readFileSync(join(dir, String(i), "main.tf"), "utf8"))).toEqual(before);
    const remaining = JSON.parse(again.stdout) as { messages: { fix?: unknown }[] }[];
    expect(remaining.flatMap((r) => r.messages).filter((m) => m.fix)).toEqual([]);
  });

  it("--fix-dry-run prints a unified diff and writes nothing", () => {
    const dir = copyOf("sensitive-variables/bad");
    const original = readFileSync(join(dir, "0", "main.tf"), "utf8");
    const { stdout } = runBin(["--fix-dry-run", "--rule", "sensitive-variables:off", "--rule", "no-hardcoded-credentials:off", "0"], dir);
    expect(stdout).toBe("");
    const run = runBin(["--fix-dry-run", "0"], dir);
    expect(readFileSync(join(dir, "0", "main.tf"), "utf8")).toBe(original);
    expect(run.stdout.split("\n\n/")[0]).toBe(
      [
        "--- 0/main.tf",
        "+++ 0/main.tf",
        "@@ -1,13 +1,16 @@",
        ' variable "db_password" {',
        "-  type = string",
        "+  type      = string",
        "+  sensitive = true",
        " }",
        " ",
        ' variable "github_token" {',
        "   type      = string",
        "-  sensitive = false",
        "+  sensitive = true",
        " }",
        " ",
        '-variable "api_key" {}',
        '+variable "api_key" {',
        "+  sensitive = true",
        "+}",
        " ",
        ' variable "vault_token" {',
        '   description = "Vault token for the workspace"',
      ].join("\n"),
    );
  });
});
