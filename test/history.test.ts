import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/results.js";
import { publicRemoteUrl } from "../src/engine/history.js";
import { runBin } from "./helpers.js";
import { Repo } from "./support/git-repo.js";

/**
 * `coder-secrets-lint history` on real git repositories built here, commit by commit. Each commit
 * gets its own author date, so that "introduced in" names a day we chose.
 */
const SECRET = "Xq7vR2mK9pLw4Tz8"; // a made-up password
const OTHER_SECRET = "Bn5cW8dJ3hYs6Fq1";

function withPassword(value: string, extra = ""): string {
  return `resource "docker_container" "db" {\n  name = "db"\n  password = "${value}"\n}\n${extra}`;
}

const CLEAN = 'resource "docker_container" "db" {\n  name = "db"\n  password = var.db_password\n}\n';

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly ruleId: string | null;
  readonly commit: string;
  readonly path: string;
  readonly commits: number;
  readonly inHead: boolean;
}

function history(repo: Repo, args: string[] = [], env: Record<string, string> = {}): { code: number; findings: Finding[]; stdout: string; stderr: string } {
  const run = runBin(["history", "--format", "json", ...args], repo.dir, env);
  // exit 3: some file version could not be linted, and the report says which
  const results = (run.code <= 1 || run.code === 3 ? JSON.parse(run.stdout) : []) as LintResult[];
  const findings = results.flatMap((r) =>
    r.messages.map((m) => ({
      file: r.filePath.slice(repo.dir.length + 1),
      line: m.line,
      column: m.column,
      endColumn: m.endColumn,
      ruleId: m.ruleId,
      commit: m.history?.commit ?? "",
      path: m.history?.path ?? "",
      commits: m.history?.commits ?? -1,
      inHead: m.history?.inHead ?? false,
    })),
  );
  return { code: run.code, findings, stdout: run.stdout, stderr: run.stderr };
}

describe("coder-secrets-lint history", () => {
  it("reports a secret once, at the commit that added it, through change, deletion and re-adding", () => {
    const repo = new Repo();
    const added = repo.write("templates/docker/main.tf", withPassword(SECRET)).commit("add db");
    repo.write("templates/docker/main.tf", withPassword(SECRET, "# tuned\n")).commit("tune");
    repo.write("templates/docker/main.tf", CLEAN).commit("use a variable");
    repo.write("templates/docker/README.md", "docs\n").commit("docs");
    repo.write("templates/docker/main.tf", withPassword(SECRET)).commit("revert: put it back");
    const run = history(repo);
    expect(run.code).toBe(1);
    // carried by: add, tune, and the revert (not "use a variable", not "docs")
    expect(run.findings).toEqual([
      { file: "templates/docker/main.tf", line: 3, column: 15, endColumn: 31, ruleId: "no-hardcoded-credentials", commit: added, path: "templates/docker/main.tf", commits: 3, inHead: true },
    ]);
    const stylish = runBin(["history"], repo.dir);
    expect(stylish.stdout).toContain(`Introduced in commit ${added.slice(0, 12)} (2024-03-01) as templates/docker/main.tf: rotate it, since deleting it from the template leaves it in the git history. [3 commits carry it; still in HEAD]`);
    // masked everywhere
    expect(stylish.stdout + run.stdout).not.toContain(SECRET);
    expect(stylish.stdout).toContain("Xq7v…(16 chars)");
  });

  it("says when HEAD no longer holds the secret, and follows renames without a second finding", () => {
    const repo = new Repo();
    const added = repo.write("a/main.tf", withPassword(SECRET)).commit("add");
    repo.git("mv", "a", "b");
    repo.commit("rename the folder");
    repo.write("b/main.tf", CLEAN).commit("remove");
    expect(history(repo).findings).toEqual([
      { file: "a/main.tf", line: 3, column: 15, endColumn: 31, ruleId: "no-hardcoded-credentials", commit: added, path: "a/main.tf", commits: 2, inHead: false },
    ]);
  });

  it("reads merges: a secret from a branch is reported at the branch commit, once", () => {
    const repo = new Repo();
    repo.write("t/main.tf", CLEAN).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    const onBranch = repo.write("t/extra.tf", withPassword(SECRET)).commit("feature: extra db");
    repo.git("checkout", "-q", "main");
    repo.write("t/other.tf", withPassword(OTHER_SECRET)).commit("main: other db");
    repo.git("merge", "-q", "--no-edit", "feature");
    const run = history(repo);
    const byPath = Object.fromEntries(run.findings.map((f) => [f.path, [f.line, f.column, f.endColumn, f.commit === onBranch, f.commits, f.inHead]]));
    // extra.tf: the branch commit and the merge carry it; other.tf: its commit and the merge
    expect(byPath).toEqual({ "t/extra.tf": [3, 15, 31, true, 2, true], "t/other.tf": [3, 15, 31, false, 2, true] });
    expect(run.findings).toHaveLength(2);
  });

  it("skips binary and oversized file versions, ignores commit messages and other files", () => {
    const repo = new Repo();
    repo.write("t/blob.tf", Buffer.from([0x70, 0x61, 0x73, 0x73, 0, 1, 2, 3]));
    repo.write("t/huge.tf", `${"# padding line\n".repeat(2000)}${withPassword(OTHER_SECRET)}`);
    repo.write("notes.txt", `password = "${OTHER_SECRET}"\n`);
    repo.commit(`add files; token ghp_${"a".repeat(36)}`);
    const added = repo.write("t/main.tf", withPassword(SECRET)).commit("add");
    const run = history(repo, ["--max-file-size", "10000", "--debug"]);
    // the versions that could not be linted are notices at the commit that brought them: exit 3
    expect(run.code).toBe(3);
    expect(run.findings.map((f) => [f.file, f.ruleId, f.line, f.column, f.endColumn, f.commit === added])).toEqual([
      ["t/main.tf", "no-hardcoded-credentials", 3, 15, 31, true],
      ["t/blob.tf", null, 1, 1, 1, false],
      ["t/huge.tf", null, 1, 1, 1, false],
    ]);
    expect(run.stderr).toContain("history: t/blob.tf");
    expect(run.stderr).toContain("skipped: File is binary (it contains NUL bytes); not linted");
    expect(run.stderr).toMatch(/history: t\/huge\.tf \(blob [0-9a-f]{12}\) skipped: File is \d+ bytes, over the --max-file-size limit; not linted/);
  });

  it("takes a range for pull requests: secrets already there before it are not the range's", () => {
    const repo = new Repo();
    repo.write("t/main.tf", withPassword(SECRET)).commit("old secret");
    const base = repo.commit("base");
    const added = repo.write("t/new.tf", withPassword(OTHER_SECRET)).commit("new secret");
    const ranged = history(repo, [`${base}..HEAD`]);
    expect(ranged.findings.map((f) => [f.path, f.line, f.column, f.endColumn, f.commit === added, f.commits])).toEqual([["t/new.tf", 3, 15, 31, true, 1]]);
    expect(history(repo, ["--since", base]).findings).toEqual(ranged.findings);
    expect(history(repo).findings).toHaveLength(2);
  });

  it("reads file names with newlines and quotes as they are", () => {
    const repo = new Repo();
    const added = repo.write('t/we"ird\nname.tf', withPassword(SECRET)).commit("odd name");
    expect(history(repo).findings.map((f) => [f.path, f.line, f.column, f.endColumn, f.commit === added])).toEqual([['t/we"ird\nname.tf', 3, 15, 31, true]]);
  });

  it("runs the dataflow rules on the folder at each commit with --history-rules", () => {
    const repo = new Repo();
    const added = repo.write("t/main.tf", 'data "coder_parameter" "github_token" {\n  name = "github_token"\n}\n').commit("parameter");
    repo.write("t/main.tf", "# moved to coder_external_auth\n").commit("fix");
    const run = history(repo, ["--history-rules", "no-secret-parameters,no-hardcoded-credentials"]);
    expect(run.findings).toEqual([
      { file: "t/main.tf", line: 1, column: 1, endColumn: 38, ruleId: "no-secret-parameters", commit: added, path: "t/main.tf", commits: 1, inHead: false },
    ]);
    expect(history(repo).findings).toEqual([]);
    expect(history(repo, ["--history-rules", "no-such-rule"]).code).toBe(2);
  });

  it("accepts findings once with a baseline, even as more commits carry them", () => {
    const repo = new Repo();
    repo.write("t/main.tf", withPassword(SECRET)).commit("add");
    expect(runBin(["history", "--write-baseline", "history-baseline.json"], repo.dir).code).toBe(0);
    repo.write("t/other.tf", CLEAN).commit("more work");
    expect(history(repo, ["--baseline", "history-baseline.json"]).code).toBe(0);
    repo.write("t/new.tf", withPassword(OTHER_SECRET)).commit("a new one");
    const after = history(repo, ["--baseline", "history-baseline.json"]);
    expect(after.findings.map((f) => [f.path, f.line, f.column, f.endColumn])).toEqual([["t/new.tf", 3, 15, 31]]);
  });

  it("writes SARIF with the commit in properties and the repository (without credentials) as provenance", () => {
    const repo = new Repo();
    const added = repo.write("t/main.tf", withPassword(SECRET)).commit("add");
    repo.git("remote", "add", "origin", "https://deploy:ghp_notarealtoken0000000000000000000000@github.com/acme/templates.git");
    const run = runBin(["history", "--format", "sarif"], repo.dir);
    const sarif = JSON.parse(run.stdout) as { runs: { versionControlProvenance?: unknown; results: { properties?: unknown; partialFingerprints?: Record<string, string> }[] }[] };
    expect(run.stdout).not.toContain("ghp_notarealtoken");
    expect(sarif.runs[0]?.versionControlProvenance).toEqual([{ repositoryUri: "https://github.com/acme/templates.git", revisionId: added }]);
    expect(sarif.runs[0]?.results[0]?.properties).toEqual({ commit: added, commitDate: "2024-03-01T12:00:00+00:00", pathAtCommit: "t/main.tf", commitsCarrying: 1, inHead: true });
    expect(Object.keys(sarif.runs[0]?.results[0]?.partialFingerprints ?? {})).toEqual(["coderSecretsLintHistory/v1"]);
  });

  it("refuses what does not apply, and says when the folder is not in a repository", () => {
    const outside = mkdtempSync(join(tmpdir(), "csl-no-git-"));
    const run = runBin(["history"], outside, { GIT_CEILING_DIRECTORIES: dirname(outside) });
    expect([run.code, run.stderr]).toEqual([2, `coder-secrets-lint: history: ${outside} is not inside a git repository\n`]);
    const repo = new Repo();
    expect(runBin(["history", "--fix"], repo.dir).stderr).toBe("coder-secrets-lint: --fix does not apply to history\n");
    expect(runBin(["--since", "HEAD~1", "."], repo.dir).code).toBe(2);
    // an empty repository has no history to scan: clean
    expect(history(repo).code).toBe(0);
  });
});

describe("publicRemoteUrl", () => {
  it("drops credentials and keeps the repository", () => {
    expect(publicRemoteUrl("https://user:tok@github.com/a/b.git")).toBe("https://github.com/a/b.git");
    expect(publicRemoteUrl("git@github.com:a/b.git")).toBe("ssh://github.com/a/b.git");
    expect(publicRemoteUrl("/srv/git/b.git")).toBe(null);
  });
});
