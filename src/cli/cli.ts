import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildBaseline, readBaseline, writeBaseline } from "../engine/baseline.js";
import { cacheKey, DEFAULT_CACHE_LOCATION, LintCache } from "../engine/cache.js";
import { applyFixes, unifiedDiff } from "../engine/fix.js";
import { stripBom } from "../engine/load.js";
import { ConfigError, configNote, MAX_SCHEMA_BYTES, resolveConfig, type ResolvedConfig } from "../engine/config.js";
import { lint, type LintPlan } from "../engine/linter.js";
import { writeErrorText, writeFileSafely } from "../engine/safe-write.js";
import { maskCredentialsIn, printJson } from "../engine/print-json.js";
import { type LintResult, nowMs } from "../engine/results.js";
import { packageRoot, packageVersion } from "../engine/paths.js";
import { RULES } from "../engine/registry.js";
import { findRepositoryRoot, readTextOrEmpty } from "../formatters/context.js";
import { type FormatContext, FORMATTERS } from "../formatters/index.js";
import { loadFormatter } from "../formatters/external.js";
import { visible } from "../formatters/escape.js";
import { formatSummary } from "../formatters/summary.js";

/** Exit codes, as ESLint's plus one for files that could not be read. */
export const EXIT = { clean: 0, errors: 1, usage: 2, unreadable: 3 } as const;

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input as text, at most `maxBytes` (null when it is larger), for `--stdin`. */
  readonly readStdin?: (maxBytes: number) => string | null;
  /**
   * Told how much a run will parse, before it parses: a process of its own (the bin, the Action)
   * tunes V8 for a large batch here (v8-tuning.ts); runCli called inside someone else's process
   * leaves their V8 alone.
   */
  readonly onPlan?: (plan: LintPlan) => void;
  /**
   * Whether `-f ./file.js` may load a formatter file (default true: the user typed it). The Action
   * says false: its inputs name files in the repository being linted.
   */
  readonly formatterFiles?: boolean;
}

const HELP = `coder-secrets-lint [options] [file|dir|archive ...]
coder-secrets-lint history [options] [REVISION-RANGE ...]

Lints Coder workspace templates (Terraform/HCL) for secret-handling mistakes.
With no paths, lints the current folder. A .tar, .tar.gz/.tgz or .zip archive (a template version
from \`coder templates pull --tar\`) is linted as the folder it holds.

history: lints every version of every template file in the git history of the repository holding
the current folder (all reachable commits, or a range such as main..HEAD); each secret is reported
once, at the commit that introduced it.
      --since REV            Only commits after REV (the same as the range REV..HEAD)
      --history-rules IDS    Rules to run on history, comma-separated, or "all"
                             (default: no-hardcoded-credentials, which needs no context)

Options:
  -c, --config FILE          Use this configuration file instead of looking for .coder-secrets-lint.json
      --no-config-lookup     Do not look for a configuration file
  -f, --format NAME          Output format: ${Object.keys(FORMATTERS).join(", ")} (default: stylish)
  -o, --output-file FILE     Write the report to FILE instead of stdout
      --rule ID:SEVERITY     Set a rule's severity (off, warn, error); repeatable
      --quiet                Report errors only
      --max-warnings N       Exit with 1 when there are more than N warnings
      --max-file-size BYTES  Do not lint files larger than this (default 4 MiB)
      --concurrency N|auto|off
                             Threads for large runs, this one included (default auto: one a core, at most 4, from 24 folders and 8 MB up)
      --cache                Only re-lint folders whose files changed since the last run
      --cache-location PATH  Where the cache lives (default .coder-secrets-lint-cache)
      --fix                  Fix what has a mechanical remedy (add sensitive = true, replace legacy attributes)
      --fix-dry-run          Print the fixes as a diff without writing files
      --no-inline-config     Honour no suppression directive written in the files
      --report-unused-suppressions
                             Report suppression directives that suppress nothing
      --no-warn-ignored      Do not warn about named files that are ignored or are not templates
      --no-error-on-unmatched-pattern
                             A path that matches no file is not an error
      --ignore-pattern GLOB  Skip files matching GLOB (relative to the current folder; repeatable)
      --debug                Say on stderr which configuration and files are used and what is skipped
      --no-gitignore         Lint files that .gitignore ignores too (skipped by default, except
                             files git tracks and files coder templates push uploads)
      --stdin                Lint the text on standard input (editor and tool integrations)
      --stdin-filename PATH  The file that text stands for (default stdin.tf); its folder gives context
      --sarif-file FILE      Also write SARIF to FILE, from the same run
      --summary-file FILE    Also append a Markdown summary to FILE (a GitHub job summary)
      --baseline FILE        Report only findings that are not recorded in FILE
      --write-baseline FILE  Record the current findings in FILE (fingerprints only) and exit 0
      --list-rules           List the rules and their default severities
      --print-config         Print the resolved configuration as JSON
      --print-json FILE      Print FILE in @cdktf/hcl2json's JSON shape
      --color, --no-color    Force or disable colour (default: on when stdout is a terminal)
  -v, --version              Print the version
  -h, --help                 Print this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or configuration error,
3 some files could not be read (unreadable, binary, not UTF-8, too large).
`;

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: "string", short: "c" },
      "no-config-lookup": { type: "boolean" },
      format: { type: "string", short: "f" },
      "output-file": { type: "string", short: "o" },
      rule: { type: "string", multiple: true },
      quiet: { type: "boolean" },
      "max-warnings": { type: "string" },
      "max-file-size": { type: "string" },
      "list-rules": { type: "boolean" },
      "report-unused-suppressions": { type: "boolean" },
      "no-inline-config": { type: "boolean" },
      "no-warn-ignored": { type: "boolean" },
      "sarif-file": { type: "string" },
      "summary-file": { type: "string" },
      "no-error-on-unmatched-pattern": { type: "boolean" },
      fix: { type: "boolean" },
      cache: { type: "boolean" },
      concurrency: { type: "string" },
      "cache-location": { type: "string" },
      "fix-dry-run": { type: "boolean" },
      stdin: { type: "boolean" },
      "ignore-pattern": { type: "string", multiple: true },
      debug: { type: "boolean" },
      "no-gitignore": { type: "boolean" },
      "stdin-filename": { type: "string" },
      baseline: { type: "string" },
      "write-baseline": { type: "string" },
      "print-config": { type: "boolean" },
      "print-json": { type: "string" },
      since: { type: "string" },
      "history-rules": { type: "string" },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
      version: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function nonNegativeInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${flag} expects a non-negative integer, got "${value}"`);
  return Number(value);
}

/** `--history-rules`: comma-separated ids, or "all" (without the flag, history's default rules run). */
function historyRules(value: string): readonly string[] {
  if (value.trim() === "all") return RULES.map((r) => r.meta.id);
  return value.split(",").map((id) => id.trim().replace(/^coder-secrets\//, "")).filter((id) => id !== "");
}

function listRules(): string {
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  return RULES.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(5)}  ${r.meta.description}`).join("\n") + "\n";
}

function printableConfig(config: ResolvedConfig): string {
  return JSON.stringify(
    {
      configFile: config.configFile,
      rules: Object.fromEntries(Object.entries(config.rules).map(([id, s]) => [id, Object.keys(s.options).length > 0 ? [s.severity, s.options] : s.severity])),
      ignores: config.ignores,
      sensitiveAttributes: config.sensitiveAttributes,
      providerSchemas: config.providerSchemas,
      maxFileSize: config.maxFileSize,
    },
    null,
    2,
  ) + "\n";
}

/**
 * `TIMING=1`, as in ESLint: where the run's time went, summed over threads, slowest first (the top
 * ten; `TIMING=all` for every row). Phases (`discover`, `read+parse`, `analysis`, `suppressions`, `heap-collection`) and rules share the table.
 */
export function timingTable(timings: ReadonlyMap<string, number>, setting: string): string {
  const rows = [...timings].sort((a, b) => b[1] - a[1]);
  const shown = setting === "all" ? rows : rows.slice(0, 10);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const width = Math.max("Rule or phase".length, ...shown.map(([name]) => name.length));
  const lines = [`${"Rule or phase".padEnd(width)} | Time (ms) | Relative`, `:${"-".repeat(width - 1)}-|----------:|--------:`];
  for (const [name, ms] of shown) {
    lines.push(`${name.padEnd(width)} | ${ms.toFixed(3).padStart(9)} | ${`${(total > 0 ? (100 * ms) / total : 0).toFixed(1)}%`.padStart(8)}`);
  }
  return `${lines.join("\n")}\n`;
}

function printJsonCommand(path: string, io: CliIo): number {
  const outcome = printJson(resolve(io.cwd, path));
  switch (outcome.kind) {
    case "not-hcl":
      io.stderr(`coder-secrets-lint: --print-json needs a .tf, .tfvars, .tf.json or .tfvars.json file: ${visible(path)}\n`);
      return EXIT.usage;
    case "unreadable":
      io.stderr(`coder-secrets-lint: ${visible(path)}: ${outcome.message}\n`);
      return EXIT.unreadable;
    case "too-large":
      io.stderr(`coder-secrets-lint: ${visible(path)}: ${outcome.message}\n`);
      return EXIT.unreadable;
    case "syntax-error": {
      const start = outcome.error.range.start;
      io.stderr(`${visible(path)}:${String(start.line)}:${String(start.column)}: Parsing error: ${outcome.error.message}\n`);
      return EXIT.errors;
    }
    case "json":
      // the engine masks credentials in the JSON view, like everywhere else
      io.stdout(JSON.stringify(outcome.json, null, 2) + "\n");
      return EXIT.clean;
  }
}

function filterQuiet(results: LintResult[]): LintResult[] {
  return results.map((r) => {
    const messages = r.messages.filter((m) => m.severity === 2);
    return { ...r, messages, warningCount: 0 };
  });
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  // the subcommand is the first argument only: `-- history` and `--quiet history` lint a folder
  // named history (a repository can hold one; the Action's paths come after "--")
  const history = argv[0] === "history";
  try {
    args = parse(history ? argv.slice(1) : argv);
  } catch (error) {
    io.stderr(`coder-secrets-lint: ${visible((error as Error).message)}\nRun coder-secrets-lint --help for usage.\n`);
    return EXIT.usage;
  }
  const v = args.values;
  if (v.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  if (v.version) {
    io.stdout(`v${packageVersion()}\n`);
    return EXIT.clean;
  }
  if (v["list-rules"]) {
    io.stdout(listRules());
    return EXIT.clean;
  }
  if (v["print-json"] !== undefined) return printJsonCommand(v["print-json"], io);
  const formatName = v.format ?? "stylish";
  const builtIn = FORMATTERS[formatName];
  // not ours: an ESLint formatter module (eslint-formatter-<name>, or a file)
  const loaded = builtIn ? null : await loadFormatter(formatName, io.cwd, RULES.map((r) => r.meta), { installation: packageRoot(), allowPaths: io.formatterFiles !== false });
  if (loaded && "error" in loaded) {
    io.stderr(`coder-secrets-lint: ${visible(loaded.error)}\n`);
    return EXIT.usage;
  }
  const external = loaded?.format ?? null;
  if (!builtIn && !external) {
    io.stderr(`coder-secrets-lint: unknown format "${visible(formatName)}"; choose one of ${Object.keys(FORMATTERS).join(", ")}, an eslint-formatter-<name> package installed beside coder-secrets-lint or globally, or a formatter file\n`);
    return EXIT.usage;
  }
  const formatter = async (results: readonly LintResult[], context: FormatContext): Promise<string> => (builtIn ? builtIn(results, context) : external ? external(results, context) : "");
  let config: ResolvedConfig;
  let maxWarnings: number | undefined;
  let concurrency: number | "auto" = "auto";
  try {
    const requested = v.concurrency ?? "auto";
    if (requested === "off") concurrency = 1;
    else if (requested !== "auto") concurrency = nonNegativeInteger(requested, "--concurrency") ?? 1;
    maxWarnings = nonNegativeInteger(v["max-warnings"], "--max-warnings");
    config = resolveConfig({
      cwd: io.cwd,
      ...(v.config !== undefined ? { configFile: v.config } : {}),
      ...(v.rule ? { ruleOverrides: v.rule } : {}),
      ...(v["max-file-size"] !== undefined ? { maxFileSize: nonNegativeInteger(v["max-file-size"], "--max-file-size") ?? 0 } : {}),
      noConfigLookup: v["no-config-lookup"] === true,
      ...(v["ignore-pattern"] ? { ignorePatterns: v["ignore-pattern"] } : {}),
      noInlineConfig: v["no-inline-config"] === true,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`coder-secrets-lint: ${visible(error.message)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  if (v["print-config"]) {
    io.stdout(printableConfig(config));
    return EXIT.clean;
  }
  // a configuration that weakens the run is never silent (it may be the scanned repository's own)
  const note = configNote(config);
  if (note) io.stderr(`coder-secrets-lint: ${visible(note)}\n`);
  const showProgress = io.stderrIsTTY && !io.env.CI;
  const started = nowMs();
  if (Object.values(config.rules).every((r) => r.severity === "off")) {
    io.stderr("coder-secrets-lint: every rule is off (configuration and --rule): nothing is checked\n");
  }
  if (history) {
    const conflicting = (["fix", "fix-dry-run", "stdin", "cache"] as const).find((flag) => v[flag] === true);
    if (conflicting) {
      io.stderr(`coder-secrets-lint: --${conflicting} does not apply to history\n`);
      return EXIT.usage;
    }
  } else if (v.since !== undefined || v["history-rules"] !== undefined) {
    io.stderr(`coder-secrets-lint: --${v.since !== undefined ? "since" : "history-rules"} applies to history only (coder-secrets-lint history ...)\n`);
    return EXIT.usage;
  }
  let run;
  const fixing = v.fix === true || v["fix-dry-run"] === true;
  const originals = new Map<string, string>();
  const overrides = new Map<string, string>();
  // --stdin: the text stands for one file (ESLint's --stdin-filename); its folder, when it exists,
  // is read for context, and only that file is reported
  let stdinPath: string | null = null;
  if (v.stdin === true) {
    if (v.fix === true) {
      io.stderr("coder-secrets-lint: --fix cannot write standard input back; use --fix-dry-run\n");
      return EXIT.usage;
    }
    const text = io.readStdin?.(config.maxFileSize) ?? null;
    if (text === null) {
      io.stderr(`coder-secrets-lint: standard input is over the --max-file-size limit or cannot be read\n`);
      return EXIT.unreadable;
    }
    stdinPath = resolve(io.cwd, v["stdin-filename"] ?? "stdin.tf");
    overrides.set(stdinPath, stripBom(text));
    originals.set(stdinPath, stripBom(text));
  } else if (v["stdin-filename"] !== undefined) {
    io.stderr("coder-secrets-lint: --stdin-filename needs --stdin\n");
    return EXIT.usage;
  }
  try {
    const baseline = v.baseline !== undefined ? readBaseline(resolve(io.cwd, v.baseline)) : undefined;
    // a fix run must see real fix texts, which the cache stores masked
    const cacheOptions = { reportUnusedSuppressions: v["report-unused-suppressions"] === true };
    const cache =
      v.cache === true && !fixing
        ? new LintCache(v["cache-location"] ?? DEFAULT_CACHE_LOCATION, cacheKey(packageVersion(), config, cacheOptions, MAX_SCHEMA_BYTES), {
            cwd: io.cwd,
            onNote: (note) => {
              io.stderr(`coder-secrets-lint: ${visible(note)}\n`);
            },
          })
        : undefined;
    const lintOnce = () => lint({
      ...(cache ? { cache } : {}),
      onNote: (line: string) => {
        io.stderr(`coder-secrets-lint: ${visible(line)}\n`);
      },
      ...(io.onPlan ? { onPlan: io.onPlan } : {}),
      concurrency,
      ...(baseline ? { baseline: { ...baseline, remaining: new Map(baseline.remaining) } } : {}),
      ...(overrides.size > 0 ? { overrides } : {}),
      reportUnusedSuppressions: v["report-unused-suppressions"] === true,
      warnIgnored: v["no-warn-ignored"] !== true,
      gitignore: v["no-gitignore"] !== true,
      ...(v.debug === true
        ? {
            onDebug: (line: string) => {
              io.stderr(`coder-secrets-lint: debug: ${visible(line)}\n`);
            },
          }
        : {}),
      paths: args.positionals,
      ...(stdinPath ? { discover: false } : {}),
      cwd: io.cwd,
      config,
      ...(showProgress
        ? {
            // a progress line only for runs that take over a second, on a terminal
            onProgress: (done: number, total: number) => {
              if (nowMs() - started < 1000) return;
              io.stderr(`\rLinting ${String(done)}/${String(total)} folders${done === total ? "\n" : ""}`);
            },
          }
        : {}),
    });
    run = history
      ? // loaded only for history: it brings child_process and readline, which a lint never needs
        await (await import("../engine/history.js")).scanHistory({
          cwd: io.cwd,
          config,
          revisions: args.positionals,
          ...(v.since !== undefined ? { since: v.since } : {}),
          ...(v["history-rules"] !== undefined ? { rules: historyRules(v["history-rules"]) } : {}),
          ...(baseline ? { baseline: { ...baseline, remaining: new Map(baseline.remaining) } } : {}),
          ...(v.debug === true ? { onDebug: (line: string) => { io.stderr(`coder-secrets-lint: debug: ${visible(line)}\n`); } } : {}),
        })
      : await lintOnce();
    // fix in passes, as ESLint does: overlapping fixes wait for the next pass
    for (let pass = 0; fixing && pass < 10; pass++) {
      let changed = false;
      for (const result of run.results) {
        if (!result.messages.some((m) => m.fix)) continue;
        const current = overrides.get(result.filePath) ?? stripBom(readTextOrEmpty(result.filePath));
        if (!originals.has(result.filePath)) originals.set(result.filePath, current);
        const { output, applied } = applyFixes(current, result.messages);
        if (applied > 0 && output !== current) {
          overrides.set(result.filePath, output);
          changed = true;
        }
      }
      if (!changed) break;
      run = await lintOnce();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`coder-secrets-lint: ${visible(error.message)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  if (run.unmatched.length > 0 && v["no-error-on-unmatched-pattern"] !== true) {
    for (const path of run.unmatched) io.stderr(`coder-secrets-lint: No files matching the pattern "${visible(path)}" were found.\n`);
    return EXIT.usage;
  }
  // with a machine format, stdout holds that format only: the fixed text goes into each result's
  // `output` (ESLint's shape) instead of a diff before it
  const machineFormat = formatName !== "stylish";
  const fixedOutputs = new Map<string, string>();
  let fixFailed = false;
  for (const [path, fixed] of overrides) {
    const original = originals.get(path) ?? "";
    if (fixed === original) continue;
    // file text printed is masked like everywhere else: the diff's context lines, the fixed text
    if (v["fix-dry-run"] && machineFormat) fixedOutputs.set(path, maskCredentialsIn(path, original, fixed));
    else if (v["fix-dry-run"]) io.stdout(maskCredentialsIn(path, original, unifiedDiff(relative(io.cwd, path), original, fixed)));
    else {
      // a fixed template replaces the file, never what a symbolic link in the tree points to
      try {
        writeFileSafely(path, (readTextOrEmpty(path).startsWith("\uFEFF") ? "\uFEFF" : "") + fixed, { cwd: dirname(path), trustAbsolute: false });
      } catch (error) {
        io.stderr(`coder-secrets-lint: not fixed: ${visible(relative(io.cwd, path))}: ${visible(writeErrorText(error))}\n`);
        fixFailed = true;
      }
    }
  }
  if (v["write-baseline"] !== undefined) {
    const path = resolve(io.cwd, v["write-baseline"]);
    const baseline = buildBaseline(run.results, path);
    try {
      writeBaseline(v["write-baseline"], io.cwd, baseline);
    } catch (error) {
      io.stderr(`coder-secrets-lint: cannot write ${visible(v["write-baseline"])}: ${visible(writeErrorText(error))}\n`);
      return EXIT.usage;
    }
    io.stderr(`coder-secrets-lint: wrote ${String(baseline.findings.reduce((n, f) => n + f.count, 0))} findings to ${visible(v["write-baseline"])}\n`);
    return EXIT.clean;
  }
  if (io.env.TIMING) io.stderr(timingTable(run.timings, io.env.TIMING));
  const linted = fixedOutputs.size === 0 ? run.results : run.results.map((r) => (fixedOutputs.has(r.filePath) ? { ...r, output: fixedOutputs.get(r.filePath) ?? "" } : r));
  const results = v.quiet ? filterQuiet(linted) : linted;
  // --no-color, then --color, then FORCE_COLOR (0 or false: off; anything else: on), then NO_COLOR, then a terminal
  const forced = io.env.FORCE_COLOR;
  const color = v["no-color"]
    ? false
    : v.color === true || (forced !== undefined && forced !== "" ? forced !== "0" && forced !== "false" : io.stdoutIsTTY && !v["output-file"] && !io.env.NO_COLOR);
  const context = {
    color,
    cwd: io.cwd,
    root: findRepositoryRoot(io.cwd, io.env),
    toolVersion: packageVersion(),
    // a history finding's file is an old version: today's file on disk is not its text
    readText: history ? () => "" : readTextOrEmpty,
    secretsOf: (path: string) => run.secretsByFile.get(path) ?? [],
    ...("repository" in run && run.repository ? { repository: run.repository } : {}),
  };
  const output = await formatter(results, context);
  // more reports from the same run (the GitHub Action lints once: log, SARIF and job summary)
  const extra: [string, string][] = [];
  if (v["sarif-file"]) extra.push([v["sarif-file"], FORMATTERS.sarif?.(results, { ...context, color: false }) ?? ""]);
  if (v["summary-file"]) extra.push([v["summary-file"], formatSummary(results, { ...context, color: false })]);
  for (const [file, text] of extra) {
    try {
      // the summary file is appended to, as $GITHUB_STEP_SUMMARY expects
      if (file === v["summary-file"]) writeFileSafely(file, text, { cwd: io.cwd, append: true });
      else writeFileSafely(file, text.endsWith("\n") ? text : text + "\n", { cwd: io.cwd });
    } catch (error) {
      io.stderr(`coder-secrets-lint: cannot write ${visible(file)}: ${visible(writeErrorText(error))}\n`);
      return EXIT.usage;
    }
  }
  if (v["output-file"]) {
    try {
      writeFileSafely(v["output-file"], output.endsWith("\n") || output === "" ? output : output + "\n", { cwd: io.cwd });
    } catch (error) {
      io.stderr(`coder-secrets-lint: cannot write ${visible(v["output-file"])}: ${visible(writeErrorText(error))}\n`);
      return EXIT.usage;
    }
  } else if (output !== "") io.stdout(output.endsWith("\n") ? output : output + "\n");
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (run.unreadableCount > 0 || fixFailed) return EXIT.unreadable;
  if (errors > 0) return EXIT.errors;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`coder-secrets-lint found too many warnings (maximum: ${String(maxWarnings)}).\n`);
    return EXIT.errors;
  }
  return EXIT.clean;
}
