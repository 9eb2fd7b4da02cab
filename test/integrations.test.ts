import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, ROOT, runBin } from "./helpers.js";

/** A small repository with one template that has findings. */
function fixtureRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), "csl-repo-"));
  mkdirSync(join(dir, "templates", "docker"), { recursive: true });
  cpSync(join(FIXTURES, "seed", "bad", "main.tf"), join(dir, "templates", "docker", "main.tf"));
  cpSync(join(FIXTURES, "no-cleartext-metadata", "bad", "main.tf"), join(dir, "templates", "docker", "metadata.tf"));
  return dir;
}

/** The action's step as the runner starts it: its committed bundle on this Node, inputs as INPUT_* variables. */
function runActionStep(cwd: string, inputs: Record<string, string>): { code: number; stdout: string; outputs: string } {
  const outputFile = join(cwd, "github-output.txt");
  writeFileSync(outputFile, "");
  const result = spawnSync(process.execPath, [join(ROOT, "action", "dist", "main.js")], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: {
      ...process.env,
      GITHUB_ACTIONS: "true",
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: cwd,
      GITHUB_OUTPUT: outputFile,
      CI: "true",
      ...inputs,
    },
  });
  return { code: result.status ?? -1, stdout: result.stdout + result.stderr, outputs: readFileSync(outputFile, "utf8") };
}

describe("GitHub Action (its committed bundle, run as the runner runs it)", () => {
  it("annotates, writes SARIF and fails on errors", () => {
    const repo = fixtureRepository();
    const run = runActionStep(repo, { INPUT_PATHS: "templates", INPUT_FORMAT: "github", "INPUT_FAIL-ON": "error", "INPUT_SARIF-FILE": "results.sarif" });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("::"))).toEqual([
      "::warning file=templates/docker/main.tf,line=11,col=5,endLine=11,endColumn=63,title=coder-secrets-lint(require-sensitive-metadata)::Secret twilio_iam_api_key.api_key.secret (an attribute whose name says \"secret\") is injected as env \"TWILIO_API_SECRET\" of coder_agent.main without a coder_metadata item marked sensitive = true that shows the same secret.",
      "::error file=templates/docker/metadata.tf,line=11,col=3,endLine=11,endColumn=7,title=coder-secrets-lint(no-cleartext-metadata)::coder_metadata item \"VNC password\" of coder_metadata.workspace shows secret random_password.vnc.result (sensitive in the provider schema) in cleartext: add sensitive = true.",
      "::error file=templates/docker/metadata.tf,line=15,col=3,endLine=15,endColumn=7,title=coder-secrets-lint(no-cleartext-metadata)::coder_metadata item \"GitHub token\" of coder_metadata.workspace shows secret data.coder_external_auth.github.access_token (a Coder secret) in cleartext: add sensitive = true.",
      "::error file=templates/docker/metadata.tf,line=24,col=3,endLine=24,endColumn=17,title=coder-secrets-lint(no-cleartext-metadata)::coder_metadata item (computed key) of coder_metadata.workspace shows secret random_password.vnc.result (sensitive in the provider schema) in cleartext: add sensitive = true.",
    ]);
    expect(run.outputs).toBe("exit-code=1\nsarif-file=results.sarif\n");
    const sarif = JSON.parse(readFileSync(join(repo, "results.sarif"), "utf8")) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual([
      "templates/docker/main.tf",
      "templates/docker/metadata.tf",
      "templates/docker/metadata.tf",
      "templates/docker/metadata.tf",
    ]);
  });

  it("passes paths after \"--\": a file named like an option is linted, not obeyed", () => {
    const repo = fixtureRepository();
    writeFileSync(join(repo, "--write-baseline=w.tf"), 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n');
    const run = runActionStep(repo, { INPUT_PATHS: "--write-baseline=w.tf", INPUT_FORMAT: "github", "INPUT_FAIL-ON": "error", "INPUT_SARIF-FILE": "results.sarif" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error file=--write-baseline=w.tf,line=1,col=1");
    expect(existsSync(join(repo, "w.tf"))).toBe(false);
  });

  it("lints once per job, writes SARIF and a job summary from that run, and takes paths one per line", () => {
    const repo = fixtureRepository();
    cpSync(join(repo, "templates", "docker"), join(repo, "with space"), { recursive: true });
    const summary = join(repo, "summary.md");
    writeFileSync(summary, "");
    // every node process the step starts appends a line here
    const starts = join(repo, "node-starts.txt");
    const counter = join(repo, "count.cjs");
    writeFileSync(counter, `require("node:fs").appendFileSync(${JSON.stringify(starts)}, "start\\n");\n`);
    const run = runActionStep(repo, { INPUT_PATHS: "templates\nwith space\n", INPUT_FORMAT: "github", "INPUT_SARIF-FILE": "results.sarif", GITHUB_STEP_SUMMARY: summary, NODE_OPTIONS: `--require ${counter}` });
    expect(run.code).toBe(1);
    expect(readFileSync(starts, "utf8")).toBe("start\n");
    const sarif = JSON.parse(readFileSync(join(repo, "results.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results).toHaveLength(8);
    const text = readFileSync(summary, "utf8");
    expect(text.split("\n").slice(0, 9)).toEqual([
      "## coder-secrets-lint",
      "",
      "**8 problems** (6 errors, 2 warnings)",
      "",
      "| Rule | Errors | Warnings |",
      "| --- | ---: | ---: |",
      "| no-cleartext-metadata | 6 | 0 |",
      "| require-sensitive-metadata | 0 | 2 |",
      "",
    ]);
    // Markdown punctuation from templates is escaped: the summary shows text only
    expect(text).toContain(String.raw`| with space/metadata.tf:11 | error | no-cleartext-metadata | coder\_metadata item "VNC password" of coder\_metadata.workspace shows secret random\_password.vnc.result \(sensitive in the provider schema\) in cleartext: add sensitive = true. |`);
  });

  it("takes working-directory, baseline and extra args", () => {
    const repo = fixtureRepository();
    const full = runActionStep(repo, { "INPUT_WORKING-DIRECTORY": "templates", INPUT_PATHS: "docker", INPUT_FORMAT: "json", INPUT_ARGS: "--quiet --rule no-cleartext-metadata:off" });
    // --quiet drops the warnings and the rule is off: nothing left
    expect(full.code).toBe(0);
    expect(runBin(["--write-baseline", "base.json", "docker"], join(repo, "templates")).code).toBe(0);
    const withBaseline = runActionStep(repo, { "INPUT_WORKING-DIRECTORY": "templates", INPUT_PATHS: "docker", INPUT_BASELINE: "base.json" });
    expect(withBaseline.code).toBe(0);
    expect(runActionStep(repo, { "INPUT_WORKING-DIRECTORY": "templates", INPUT_PATHS: "docker" }).code).toBe(1);
  });

  it("maps fail-on: never passes with findings, warning fails on warnings only", () => {
    const repo = fixtureRepository();
    const never = runActionStep(repo, { INPUT_PATHS: "templates", "INPUT_FAIL-ON": "never" });
    expect([never.code, never.outputs]).toEqual([0, "exit-code=1\nsarif-file=\n"]);
    const onlyWarnings = join(repo, "templates", "docker", "metadata.tf");
    writeFileSync(onlyWarnings, "");
    expect(runActionStep(repo, { INPUT_PATHS: "templates", "INPUT_FAIL-ON": "error" }).code).toBe(0);
    expect(runActionStep(repo, { INPUT_PATHS: "templates", "INPUT_FAIL-ON": "warning" }).code).toBe(1);
    expect(runActionStep(repo, { "INPUT_FAIL-ON": "sometimes" }).code).toBe(2);
  });

  it("validates a config file from its own bundle (no node_modules beside it)", () => {
    const repo = fixtureRepository();
    writeFileSync(join(repo, "bad-config.json"), '{ "rules": { "no-secret-parameters": "loud" } }\n');
    const run = runActionStep(repo, { INPUT_PATHS: "templates", INPUT_CONFIG: "bad-config.json" });
    expect([run.code, run.outputs]).toEqual([2, "exit-code=2\nsarif-file=\n"]);
    expect(run.stdout).toContain("bad-config.json: invalid configuration at rules.no-secret-parameters");
  });
});

function hasPreCommit(): boolean {
  return spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
}

function git(cwd: string, ...args: string[]): { code: number; out: string } {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

// In CI the real pre-commit must be there (.ci/run installs it); elsewhere the test says it is skipped.
const preCommitAvailable = hasPreCommit();
if (!preCommitAvailable && process.env.CI) throw new Error("pre-commit is not installed: .ci/run installs the Debian package pre-commit");

describe.skipIf(!preCommitAvailable)("pre-commit hook (real pre-commit)", () => {
  it("fails a commit that stages a template collecting a secret, passes a clean one", async () => {
    const home = mkdtempSync(join(tmpdir(), "csl-pc-home-"));
    // a clone of this repository at HEAD, as pre-commit users reference it
    const hookRepo = join(home, "hook-repo");
    expect(git(home, "clone", "-q", ROOT, hookRepo).code).toBe(0);
    const rev = git(hookRepo, "rev-parse", "HEAD").out.trim();
    const work = mkdtempSync(join(tmpdir(), "csl-pc-work-"));
    expect(git(work, "init", "-q").code).toBe(0);
    writeFileSync(join(work, ".pre-commit-config.yaml"), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: coder-secrets-lint\n`);
    mkdirSync(join(work, "templates"));
    writeFileSync(join(work, "templates", "main.tf"), 'data "coder_parameter" "github_token" {\n  name = "github_token"\n}\n');
    writeFileSync(join(work, "templates", "clean.tf"), 'data "coder_parameter" "region" {\n  name = "region"\n}\n');
    const env = { PRE_COMMIT_HOME: join(home, "cache") };
    const install = spawnSync("pre-commit", ["install"], { cwd: work, encoding: "utf8", env: { ...process.env, ...env } });
    expect(install.status).toBe(0);
    // asynchronous: the first commit builds the hook's environment (npm install, a minute under load),
    // and a worker blocked that long in spawnSync misses vitest's RPC deadline
    const commit = async (file: string): Promise<{ code: number; out: string }> => {
      git(work, "add", "--", ".pre-commit-config.yaml", file);
      return new Promise((resolveRun) => {
        const child = spawn("git", ["commit", "-q", "-m", `add ${file}`], {
          cwd: work,
          timeout: 600_000,
          env: { ...process.env, ...env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
        });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
        child.on("close", (code) => {
          resolveRun({ code: code ?? -1, out });
        });
      });
    };
    const bad = await commit("templates/main.tf");
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('Parameter "github_token" collects a secret (its name says "token")');
    expect(bad.out).toContain("no-secret-parameters");
    git(work, "reset", "-q");
    const good = await commit("templates/clean.tf");
    expect(good.out).toContain("coder-secrets-lint");
    expect(good.code).toBe(0);
    expect(existsSync(join(work, ".git"))).toBe(true);
    // a staged file named like an option stays a file: the hook puts "--" before the file names
    git(work, "reset", "-q");
    // at the root, so that pre-commit passes it as "--write-baseline=w.tf"
    writeFileSync(join(work, "--write-baseline=w.tf"), 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n');
    const hostile = await commit("--write-baseline=w.tf");
    expect(hostile.code).toBe(1);
    expect(hostile.out).toContain('Parameter "api_token" collects a secret');
    expect(existsSync(join(work, "w.tf"))).toBe(false);
    expect(existsSync(join(work, "templates", "w.tf"))).toBe(false);
  }, 900_000);
});
