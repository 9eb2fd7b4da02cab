import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../src/engine/fix.js";
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

describe("unifiedDiff", () => {
  /** The two texts a diff describes: context and removed lines give the old, context and added the new. */
  function sides(diff: string): { removed: string[]; added: string[] } {
    const body = diff.split("\n").slice(2).filter((l) => !l.startsWith("@@") && l !== "");
    return { removed: body.filter((l) => !l.startsWith("+")).map((l) => l.slice(1)), added: body.filter((l) => !l.startsWith("-")).map((l) => l.slice(1)) };
  }

  it("describes exactly the lines that changed, on random edits (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "  x = 1", ""), { maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom("insert", "delete", "replace")), { maxLength: 6 }), (lines, edits) => {
        const after: string[] = [...lines];
        for (const [at, kind] of edits) {
          const i = after.length === 0 ? 0 : at % after.length;
          if (kind === "insert") after.splice(i, 0, "  sensitive = true");
          else if (kind === "delete") after.splice(i, 1);
          else after[i] = "changed";
        }
        const before = lines.join("\n");
        const diff = unifiedDiff("f.tf", before, after.join("\n"), 1_000_000);
        if (before === after.join("\n")) return diff === "--- f.tf\n+++ f.tf\n";
        const { removed, added } = sides(diff);
        return removed.join("\n") === before && added.join("\n") === after.join("\n");
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });

  it("stays fast on a fix in a 36,000-line file, and on two texts that share nothing", () => {
    const lines = Array.from({ length: 36_000 }, (_, i) => `  x${String(i)} = ${String(i)}`);
    const fixed = [...lines.slice(0, 18_000), "  sensitive = true", ...lines.slice(18_000)];
    const started = performance.now();
    const diff = unifiedDiff("big.tf", lines.join("\n"), fixed.join("\n"));
    expect(diff.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"))).toEqual(["+  sensitive = true"]);
    const unrelated = unifiedDiff("big.tf", lines.join("\n"), lines.map((l) => `${l}!`).join("\n"));
    expect(unrelated.split("\n").filter((l) => l.startsWith("-") && !l.startsWith("---"))).toHaveLength(36_000);
    // generous: the LCS table took 37 s and 5 GB here
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
