/**
 * Lints the shared corpus of real templates (default ../shared/corpus) and prints findings per rule
 * and per repository, the fatal errors, and the time taken. `--list` prints every finding.
 */
import { relative, resolve } from "node:path";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";

const args = process.argv.slice(2);
const list = args.includes("--list");
const root = resolve(args.find((a) => !a.startsWith("--")) ?? "../shared/corpus");
const started = performance.now();
const config = resolveConfig({ cwd: root, noConfigLookup: true });
const run = await lint({ paths: [root], cwd: root, config });
const seconds = (performance.now() - started) / 1000;

const perRule = new Map<string, number>();
const perRepo = new Map<string, Map<string, number>>();
let fatal = 0;
for (const result of run.results) {
  const rel = relative(root, result.filePath);
  const repo = rel.split("/")[0] ?? "";
  for (const m of result.messages) {
    const rule = m.ruleId ?? "(fatal)";
    if (m.fatal) fatal++;
    perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
    const counts = perRepo.get(repo) ?? new Map<string, number>();
    counts.set(rule, (counts.get(rule) ?? 0) + 1);
    perRepo.set(repo, counts);
    if (list) console.log(`${rel}:${String(m.line)}:${String(m.column)} ${rule} ${m.message}`);
  }
}
console.log(`\n${String(run.results.length)} files linted in ${seconds.toFixed(2)} s; ${String(fatal)} fatal`);
console.log("\nTime per phase (share of the whole run):");
for (const [phase, ms] of [...run.timings].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${phase.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms  ${((ms / 10 / seconds)).toFixed(1).padStart(5)} %`);
}
console.log("\nFindings per rule:");
for (const [rule, n] of [...perRule].sort()) console.log(`  ${rule.padEnd(30)} ${String(n)}`);
console.log("\nFindings per repository:");
for (const [repo, counts] of [...perRepo].sort()) {
  console.log(`  ${repo}: ${[...counts].sort().map(([r, n]) => `${r}=${String(n)}`).join(", ")}`);
}
