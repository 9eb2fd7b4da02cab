/**
 * `npm run bench`: speed of coder-secrets-lint against its parse floor, the old tree-sitter parse floor and secretlint,
 * on the shared corpus (CORPUS_DIR, default ../shared/corpus). Prints a table and writes
 * bench/results.json. Medians of BENCH_RUNS runs (default 5; 3 for the 10,000-file tree).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fg from "fast-glob";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import { packageRoot } from "../src/engine/paths.js";
import { generatedHistory } from "./history-repo.js";

const root = packageRoot();
const corpus = resolve(process.env.CORPUS_DIR ?? join(root, "..", "shared", "corpus"));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const bin = join(root, "dist", "bundle", "cli.js");
const floorScript = join(root, "dist", "scripts", "parse-floor.js");
const treeSitterFloorScript = join(root, "dist", "scripts", "tree-sitter-floor.js");
const benchTools = join(root, "bench", "tools");
const secretlintBin = join(benchTools, "node_modules", "secretlint", "bin", "secretlint.js");

/**
 * secretlint (the comparison) lives in bench/tools, installed here on first use from its own lockfile:
 * secretlint 13 needs Node 22, and as a devDependency it made every `npm ci` on Node 20 warn EBADENGINE.
 */
function ensureBenchTools(): void {
  if (existsSync(secretlintBin)) return;
  console.error("bench: installing the comparison tools (npm ci --prefix bench/tools) ...");
  const install = spawnSync("npm", ["ci", "--prefix", benchTools, "--no-audit", "--no-fund", "--loglevel", "error"], { stdio: "inherit", shell: process.platform === "win32" });
  if (install.status !== 0 || !existsSync(secretlintBin)) throw new Error("bench: could not install bench/tools (secretlint)");
}
const typicalFolder = join(corpus, "coder__coder", "examples", "templates", "docker");

interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly runs: number;
  readonly peakRssMb?: number;
  readonly files?: number;
  readonly bytes?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface Command {
  readonly name: string;
  readonly args: string[];
  readonly cwd?: string;
}

/** One run of a command: wall time, and peak RSS from /usr/bin/time. */
function runOnce(command: Command): { ms: number; rssMb: number } {
  const start = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...command.args], { cwd: command.cwd ?? root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command.name} failed (${String(run.status)}): ${run.stderr.slice(-500)}`);
  const kb = Number(/(\d+)\s*$/.exec(run.stderr)?.[1] ?? 0);
  return { ms, rssMb: kb / 1024 };
}

/**
 * Runs every command `n` times, round-robin: a machine whose speed drifts during the bench (shared
 * CPUs do) then slows all commands alike, and the ratios between them stay fair.
 */
function timeInterleaved(commands: readonly Command[], n: number): Measurement[] {
  const times = commands.map(() => [] as number[]);
  const rss = commands.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    commands.forEach((command, j) => {
      const { ms, rssMb } = runOnce(command);
      times[j]?.push(ms);
      rss[j]?.push(rssMb);
    });
  }
  return commands.map((command, j) => ({ name: command.name, medianMs: median(times[j] ?? []), runs: n, peakRssMb: Math.max(...(rss[j] ?? [0])) }));
}

function corpusFiles(): { files: string[]; bytes: number } {
  const files = fg.sync("**/*.{tf,tf.json,tfvars,tfvars.json,tftpl}", { cwd: corpus, absolute: true, dot: true, ignore: ["**/.terraform/**", "**/.git/**", "**/node_modules/**"] });
  return { files, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

/**
 * A monorepo: `templates` template folders (one corpus file each) that all call one local module
 * made of the largest corpus `.tf` file, as platform teams share a module between templates.
 */
function sharedModuleMonorepo(templates: number, sources: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "csl-bench-monorepo-"));
  const tfSources = sources.filter((f) => f.endsWith(".tf"));
  const largest = tfSources.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  mkdirSync(join(dir, "modules", "shared"), { recursive: true });
  cpSync(largest, join(dir, "modules", "shared", "main.tf"));
  for (let i = 0; i < templates; i++) {
    const folder = join(dir, "templates", `t${String(i)}`);
    mkdirSync(folder, { recursive: true });
    cpSync(tfSources[i % tfSources.length] ?? largest, join(folder, "main.tf"));
    writeFileSync(join(folder, "shared.tf"), 'module "shared" {\n  source = "../../modules/shared"\n}\n');
  }
  return dir;
}

/** A tree of `count` template files in folders of five, made from corpus files. */
function generatedTree(count: number, sources: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `csl-bench-${String(count)}-`));
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `t${String(Math.floor(i / 5))}`);
    if (i % 5 === 0) mkdirSync(folder);
    const source = sources[i % sources.length] ?? "";
    cpSync(source, join(folder, `f${String(i % 5)}${source.endsWith(".tftpl") ? ".tftpl" : ".tf"}`));
  }
  return dir;
}

async function eslintLatency(): Promise<number> {
  const { ESLint } = await import("eslint");
  const plugin = (await import("../src/eslint/plugin.js")).default;
  const file = join(typicalFolder, "main.tf");
  const text = readFileSync(file, "utf8");
  const eslint = new ESLint({ cwd: typicalFolder, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
  for (let i = 0; i < 5; i++) await eslint.lintText(text, { filePath: file });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    await eslint.lintText(text, { filePath: file });
    times.push(performance.now() - start);
  }
  return median(times);
}

async function main(): Promise<void> {
  ensureBenchTools();
  const { files, bytes } = corpusFiles();
  const secretlintrc = join(mkdtempSync(join(tmpdir(), "csl-secretlint-")), ".secretlintrc.json");
  writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  // secretlint globs relative to its working directory: run it in the target
  const secretlintArgs = (): string[] => [secretlintBin, "--secretlintrc", secretlintrc, "--format", "json", "--output", join(tmpdir(), "secretlint.out"), "**/*.{tf,tfvars,tftpl,json}"];
  const ours = (target: string, extra: string[] = []): string[] => [bin, "--no-config-lookup", "-f", "json", "-o", join(tmpdir(), "csl-bench.json"), ...extra, target];

  console.log(`corpus: ${corpus} (${String(files.length)} files, ${(bytes / 1024 / 1024).toFixed(2)} MB), ${String(runs)} runs each\n`);
  const cacheDir = mkdtempSync(join(tmpdir(), "csl-bench-cache-"));
  const cacheArgs = ours(corpus, ["--cache", "--cache-location", join(cacheDir, "cache")]);
  runOnce({ name: "warm the cache", args: cacheArgs });
  // two groups, each interleaved: on shared VMs a run that follows a multi-second CPU burst starts
  // slower (measured here: one folder 155 -> 227 ms, bare node 71 -> 100 ms), which would tax the
  // short runs for the long ones around them
  const [full, oneThread, floor, treeSitterFloor, secretlint, cached] = timeInterleaved(
    [
      { name: "full CLI lint (corpus)", args: ours(corpus) },
      { name: "full CLI lint, one thread (corpus)", args: ours(corpus, ["--concurrency", "off"]) },
      { name: "parse floor: read all, parse into the model, one thread (corpus)", args: [floorScript, corpus] },
      { name: "tree-sitter parse floor: read all, tree-sitter parse .tf/.tfvars (corpus)", args: [treeSitterFloorScript, corpus] },
      { name: "secretlint preset-recommend (corpus)", args: secretlintArgs(), cwd: corpus },
      { name: "re-lint unchanged corpus with --cache", args: cacheArgs },
    ],
    runs,
  ) as [Measurement, Measurement, Measurement, Measurement, Measurement, Measurement];
  const [folder, secretlintFolder, bareNode] = timeInterleaved(
    [
      { name: "one template folder, fresh process", args: ours(typicalFolder) },
      { name: "secretlint, one template folder", args: secretlintArgs(), cwd: typicalFolder },
      { name: "bare node start (node -e \"\")", args: ["-e", ""] },
    ],
    Math.max(runs, 9),
  ) as [Measurement, Measurement, Measurement];
  const results: Measurement[] = [{ ...full, files: files.length, bytes }, oneThread, floor, treeSitterFloor, secretlint, folder, secretlintFolder, bareNode, cached];

  const sources = files.filter((f) => f.endsWith(".tf") || f.endsWith(".tftpl"));
  const small = generatedTree(500, sources);
  const large = generatedTree(10_000, sources);
  const monorepo = sharedModuleMonorepo(200, sources);
  const bigRuns = Math.min(runs, 3);
  const [g500, g10k, mono] = timeInterleaved(
    [
      { name: "generated tree, 500 files", args: ours(small) },
      { name: "generated tree, 10,000 files", args: ours(large) },
      { name: "monorepo: 200 templates calling one shared local module", args: ours(join(monorepo, "templates")) },
    ],
    bigRuns,
  ) as [Measurement, Measurement, Measurement];
  const t500 = { ...g500, files: 500 };
  const t10k = { ...g10k, files: 10_000 };
  results.push(t500, t10k, { ...mono, files: 400 });
  rmSync(small, { recursive: true, force: true });
  rmSync(large, { recursive: true, force: true });
  rmSync(monorepo, { recursive: true, force: true });

  // history: a generated repository of 5,000 commits over 40 template folders, against linting HEAD
  const historyCommits = 5000;
  const historyRepo = generatedHistory(historyCommits, 40, sources.filter((f) => f.endsWith(".tf")));
  const [historyScan, headLint] = timeInterleaved(
    [
      { name: `history: ${String(historyCommits)} commits, 40 template folders`, args: [bin, "history", "--no-config-lookup", "-f", "json", "-o", join(tmpdir(), "csl-bench-history.json")], cwd: historyRepo },
      { name: "the same repository's HEAD, linted", args: ours(historyRepo) },
    ],
    bigRuns,
  ) as [Measurement, Measurement];
  results.push(historyScan, headLint);
  rmSync(historyRepo, { recursive: true, force: true });

  // in-process: where the time goes, and the detector pass's share
  const run = await lint({ paths: [corpus], cwd: corpus, config: resolveConfig({ cwd: corpus, noConfigLookup: true }) });
  const phases = Object.fromEntries([...run.timings].map(([k, v]) => [k, Math.round(v)]));
  const phaseTotal = [...run.timings.values()].reduce((a, b) => a + b, 0);
  const detectorShare = (run.timings.get("no-hardcoded-credentials") ?? 0) / phaseTotal;
  const eslintMs = await eslintLatency();

  const ratios = {
    "tree-sitter floor / our parse floor": treeSitterFloor.medianMs / floor.medianMs,
    "full lint / parse floor": full.medianMs / floor.medianMs,
    "full lint, one thread / parse floor": oneThread.medianMs / floor.medianMs,
    "secretlint / full lint": secretlint.medianMs / full.medianMs,
    "secretlint / ours, one folder": secretlintFolder.medianMs / folder.medianMs,
    "one folder minus bare node start (ms)": folder.medianMs - bareNode.medianMs,
    "secretlint / ours with --cache": secretlint.medianMs / cached.medianMs,
    "uncached / cached": full.medianMs / cached.medianMs,
    "10,000 files / 500 files": t10k.medianMs / t500.medianMs,
    "history commits per second": historyCommits / (historyScan.medianMs / 1000),
    "history / lint of HEAD": historyScan.medianMs / headLint.medianMs,
  };
  console.log("| measurement | median ms | peak RSS MB |\n| --- | ---: | ---: |");
  for (const m of results) console.log(`| ${m.name} | ${m.medianMs.toFixed(0)} | ${m.peakRssMb?.toFixed(0) ?? ""} |`);
  console.log(`\nfull lint: ${(files.length / (full.medianMs / 1000)).toFixed(0)} files/s, ${(bytes / 1024 / 1024 / (full.medianMs / 1000)).toFixed(2)} MB/s`);
  console.log(`ESLint plugin, one warm lint of a typical template (median of 30): ${eslintMs.toFixed(1)} ms`);
  console.log(`detector pass (no-hardcoded-credentials) share of in-process time: ${(detectorShare * 100).toFixed(1)} %`);
  console.log("\n| ratio | value |\n| --- | ---: |");
  for (const [k, v] of Object.entries(ratios)) console.log(`| ${k} | ${v.toFixed(2)} |`);
  console.log(`\nin-process phases (ms): ${JSON.stringify(phases)}`);
  mkdirSync(join(root, "bench"), { recursive: true });
  writeFileSync(
    join(root, "bench", "results.json"),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, corpus: { files: files.length, bytes }, runs, results, ratios, eslintWarmLintMs: eslintMs, detectorShare, phases }, null, 2) + "\n",
  );
}

await main();
