/**
 * Recall against a peer: every result of a detect-secrets scan, and whether we report a finding on
 * that line. Prints file, line, detect-secrets' plugin and our rule (or "not reported"), never the
 * text of the line: the results are credentials.
 *
 *   PYTHONPATH=<detect-secrets source> python3 -m detect_secrets scan --all-files <folder> > ds.json
 *   coder-secrets-lint --no-config-lookup -f json <folder> > ours.json
 *   node dist/scripts/peer-detect-secrets.js <folder> ds.json ours.json
 *
 * detect-secrets 1.5.0 runs from its source tree with Python 3 and PyYAML and requests; the README
 * explains the comparison and lists each result we do not report, with the reason.
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

interface DetectSecretsScan {
  readonly results: Record<string, readonly { readonly type: string; readonly line_number: number }[]>;
}

interface OurMessage {
  readonly ruleId: string | null;
  readonly line?: number;
  readonly related?: readonly { readonly line?: number; readonly file?: string }[];
}

const [folderArg, scanPath, oursPath] = process.argv.slice(2);
if (!folderArg || !scanPath || !oursPath) {
  process.stderr.write("usage: peer-detect-secrets <folder> <detect-secrets.json> <ours.json>\n");
  process.exit(2);
}
const folder = resolve(folderArg);
const scan = JSON.parse(readFileSync(scanPath, "utf8")) as DetectSecretsScan;
const ours = JSON.parse(readFileSync(oursPath, "utf8")) as { readonly filePath: string; readonly messages: readonly OurMessage[] }[];

/** Our rules reporting on each file and line (a finding's related locations count as reported there). */
const reportedAt = new Map<string, Set<string>>();
for (const result of ours) {
  const file = relative(folder, result.filePath);
  for (const message of result.messages) {
    const lines = [message.line, ...(message.related ?? []).filter((r) => r.file === undefined || relative(folder, resolve(folder, r.file)) === file).map((r) => r.line)];
    for (const line of lines) {
      if (line === undefined) continue;
      const key = `${file}:${String(line)}`;
      const rules = reportedAt.get(key) ?? new Set<string>();
      rules.add(message.ruleId ?? "fatal");
      reportedAt.set(key, rules);
    }
  }
}

let total = 0;
let reported = 0;
for (const [file, results] of Object.entries(scan.results).sort(([a], [b]) => a.localeCompare(b))) {
  for (const result of results) {
    total++;
    const rules = reportedAt.get(`${file}:${String(result.line_number)}`);
    if (rules) reported++;
    console.log(`${file}:${String(result.line_number)}\t${result.type}\t${rules ? [...rules].sort().join(",") : "not reported"}`);
  }
}
console.log(`\n${String(total)} detect-secrets results, ${String(reported)} on lines we report, ${String(total - reported)} not`);
