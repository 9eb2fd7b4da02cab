import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);
import {
  lintInWorkers
} from "./chunk-OE66LPQM.js";
import {
  ConfigError,
  DEFAULT_MAX_FILE_SIZE,
  HISTORY_SPREAD,
  MAX_SCHEMA_BYTES,
  ModelTooLargeError,
  RULES,
  UNREADABLE,
  archiveMemberPath,
  buildBaseline,
  byFolder,
  coderPushes,
  configNote,
  decodeTemplate,
  discover,
  fatalMessage,
  fileKindOf,
  findCredentials,
  isTemplateFile,
  lintFolders,
  loadCrypto,
  loadV8,
  makeResult,
  moduleFiles,
  noticeMessage,
  nowMs,
  packageRoot,
  packageVersion,
  parseWithinLimits,
  readBaseline,
  readBounded,
  readBoundedText,
  readTemplate,
  redact,
  reportedPath,
  resolveConfig,
  stripBom,
  withMaskedFixes,
  withReportedPaths,
  writeBaseline,
  writeErrorText,
  writeFileSafely,
  writeRefusal
} from "./chunk-UMXLXBLB.js";
import "./chunk-4RXEXYZ5.js";

// src/action/main.ts
import { appendFileSync, statSync as statSync3 } from "node:fs";
import { resolve as resolve5 } from "node:path";

// src/cli/cli.ts
import { dirname as dirname3, relative as relative3, resolve as resolve4 } from "node:path";
import { parseArgs } from "node:util";

// src/engine/cache.ts
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { realpathSync, statSync } from "node:fs";
var DEFAULT_CACHE_LOCATION = ".coder-secrets-lint-cache";
function isRegularFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
var MAX_CACHE_BYTES = 256 * 1024 * 1024;
function hashFolder(dir, overrides, maxFileSize, seenReal, hash) {
  hash.update("\0dir\0").update(dir);
  const files = isRegularFile(dir) ? [dir] : moduleFiles(dir);
  for (const file of files) {
    let real = file;
    try {
      real = overrides?.has(file) ? file : realpathSync(file);
    } catch {
    }
    hash.update(file).update("\0");
    if (seenReal.has(real)) {
      hash.update("\0same-as\0").update(real);
      continue;
    }
    seenReal.add(real);
    const text = overrides?.get(file) ?? readBoundedText(file, maxFileSize) ?? "\0unreadable";
    hash.update(text).update("\0");
  }
}
function folderHash(dir, maxFileSize, overrides, dependencies) {
  const hash = loadCrypto().createHash("sha256");
  const seenReal = /* @__PURE__ */ new Set();
  hashFolder(dir, overrides, maxFileSize, seenReal, hash);
  for (const dependency of [...dependencies].sort()) hashFolder(dependency, overrides, maxFileSize, seenReal, hash);
  return hash.digest("hex");
}
function userCacheFolder(env = process.env) {
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "coder-secrets-lint");
}
function macKey(folder) {
  const path = join(folder, "cache-mac-key");
  const existing = readBounded(path, 1024);
  if (existing.ok && existing.bytes.length === 32) return existing.bytes;
  const key = loadCrypto().randomBytes(32);
  mkdirSync(folder, { recursive: true, mode: 448 });
  writeFileSync(path, key, { mode: 384 });
  chmodSync(path, 384);
  return key;
}
function mac(key, body) {
  return loadCrypto().createHmac("sha256", key).update(body).digest("hex");
}
var LintCache = class {
  /** `location` as the user (or the default) named it, relative to `options.cwd`. */
  constructor(location2, key, options = {}) {
    this.location = location2;
    this.key = key;
    this.options = options;
    this.cwd = options.cwd ?? process.cwd();
    this.macKey = macKey(options.keyFolder ?? userCacheFolder());
    this.refusal = writeRefusal(location2, this.cwd);
    if (this.refusal) {
      options.onNote?.(`not using the cache file ${location2}: ${this.refusal}`);
      return;
    }
    location2 = resolve(this.cwd, location2);
    const read = readBounded(location2, MAX_CACHE_BYTES);
    if (!read.ok) {
      if (read.reason !== "error" || read.code !== "ENOENT") options.onNote?.(`ignoring the cache file ${location2}: not a readable regular file of at most 256 MB`);
      return;
    }
    const text = read.bytes.toString("utf8");
    const newline = text.indexOf("\n");
    const body = newline === -1 ? "" : text.slice(newline + 1).trimEnd();
    const expected = Buffer.from(mac(this.macKey, body), "utf8");
    const given = Buffer.from(newline === -1 ? "" : text.slice(0, newline), "utf8");
    if (given.length !== expected.length || !loadCrypto().timingSafeEqual(given, expected)) {
      options.onNote?.(`ignoring the cache file ${location2}: it was not written by this installation (or it is corrupt); it will be rewritten`);
      return;
    }
    try {
      const parsed = JSON.parse(Buffer.from(body, "base64").toString("utf8"));
      if (parsed.tool === "coder-secrets-lint" && parsed.key === key && parsed.folders) {
        for (const [dir, entry] of Object.entries(parsed.folders)) this.folders.set(dir, entry);
      }
    } catch {
      options.onNote?.(`ignoring the cache file ${location2}: it is corrupt; it will be rewritten`);
    }
  }
  location;
  key;
  options;
  folders = /* @__PURE__ */ new Map();
  dirty = false;
  macKey;
  cwd;
  refusal;
  /** The module folders a folder's cached analysis loaded, or null when the folder is not cached. */
  dependenciesOf(dir) {
    const entry = this.folders.get(dir);
    return entry && Array.isArray(entry.dependencies) ? entry.dependencies : null;
  }
  /** Cached results for the files of a folder, if the folder's content hash still matches. */
  get(dir, hash, files) {
    const entry = this.folders.get(dir);
    if (entry?.hash !== hash) return null;
    const byPath = new Map(entry.results.map((r) => [r.filePath, r]));
    const results = files.map((f) => byPath.get(f));
    return results.every((r) => r !== void 0) ? results : null;
  }
  set(dir, hash, dependencies, results, secretsOf) {
    const safe = results.map((result) => withMaskedFixes(result, secretsOf(result.filePath)));
    this.folders.set(dir, { hash, dependencies, results: safe });
    this.dirty = true;
  }
  save() {
    if (!this.dirty || this.refusal) return;
    const data = { tool: "coder-secrets-lint", key: this.key, folders: Object.fromEntries(this.folders) };
    const body = Buffer.from(JSON.stringify(data), "utf8").toString("base64");
    try {
      writeFileSafely(this.location, `${mac(this.macKey, body)}
${body}
`, { cwd: this.cwd });
    } catch (error) {
      this.options.onNote?.(`the cache was not saved: ${writeErrorText(error)}`);
    }
  }
};
function cacheKey(version, config, options, maxFileSize) {
  const hash = loadCrypto().createHash("sha256").update(version).update("\0").update(JSON.stringify(config)).update("\0").update(JSON.stringify(options));
  for (const schema of config.providerSchemas) hash.update("\0").update(readBoundedText(schema, maxFileSize) ?? "\0unreadable");
  return hash.digest("hex");
}

// src/engine/fix.ts
function applyFixes(text, messages) {
  const fixes = messages.flatMap((m) => m.fix ? [m.fix] : []).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = "";
  let cursor = 0;
  let applied = 0;
  for (const fix of fixes) {
    const [start, end] = fix.range;
    if (start < cursor || end > text.length) continue;
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    applied++;
  }
  return { output: output + text.slice(cursor), applied };
}
var MAX_EDIT_DISTANCE = 1e3;
function lineEdits(a, b) {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const ops = [];
  for (let i = 0; i < prefix; i++) ops.push({ kind: " ", line: a[i] ?? "", ai: i + 1, bi: i + 1 });
  const n = a.length - prefix - suffix;
  const m = b.length - prefix - suffix;
  for (const op of middleEdits(a, b, prefix, n, m)) ops.push(op);
  for (let s = suffix; s > 0; s--) ops.push({ kind: " ", line: a[a.length - s] ?? "", ai: a.length - s + 1, bi: b.length - s + 1 });
  return ops;
}
function middleEdits(a, b, off, n, m) {
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const size = 2 * max + 1;
  const trace = [];
  let v = new Int32Array(size + 2);
  let found = n === 0 && m === 0 ? 0 : -1;
  for (let d = 0; found === -1 && d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || k !== d && (v[k - 1 + max] ?? 0) < (v[k + 1 + max] ?? 0);
      let x2 = down ? v[k + 1 + max] ?? 0 : (v[k - 1 + max] ?? 0) + 1;
      let y2 = x2 - k;
      while (x2 < n && y2 < m && a[off + x2] === b[off + y2]) {
        x2++;
        y2++;
      }
      v[k + max] = x2;
      if (x2 >= n && y2 >= m) {
        found = d;
        break;
      }
    }
    if (found !== -1) trace.push(v.slice());
    v = v.slice();
  }
  if (found === -1) {
    const ops = [];
    for (let i = 0; i < n; i++) ops.push({ kind: "-", line: a[off + i] ?? "", ai: off + i + 1, bi: off });
    for (let j = 0; j < m; j++) ops.push({ kind: "+", line: b[off + j] ?? "", ai: off + n, bi: off + j + 1 });
    return ops;
  }
  const reversed = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] ?? new Int32Array(0);
    const k = x - y;
    const down = k === -d || k !== d && (prev[k - 1 + max] ?? 0) < (prev[k + 1 + max] ?? 0);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[prevK + max] ?? 0;
    const prevY = prevX - prevK;
    while (x > (down ? prevX : prevX + 1) && y > (down ? prevY + 1 : prevY)) {
      reversed.push({ kind: " ", line: a[off + x - 1] ?? "", ai: off + x, bi: off + y });
      x--;
      y--;
    }
    if (down) {
      reversed.push({ kind: "+", line: b[off + y - 1] ?? "", ai: off + x, bi: off + y });
      y--;
    } else {
      reversed.push({ kind: "-", line: a[off + x - 1] ?? "", ai: off + x, bi: off + y });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    reversed.push({ kind: " ", line: a[off + x - 1] ?? "", ai: off + x, bi: off + y });
    x--;
    y--;
  }
  return reversed.reverse();
}
function unifiedDiff(path, before, after, context = 3) {
  const ops = lineEdits(before.split("\n"), after.split("\n"));
  const out = [`--- ${path}`, `+++ ${path}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]?.kind === " ") {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      let gap = 0;
      while (end + gap < ops.length && ops[end + gap]?.kind === " ") gap++;
      if (end + gap >= ops.length || gap > context * 2) {
        end = Math.min(ops.length, end + Math.min(gap, context));
        break;
      }
      end += gap + 1;
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk.find((o) => o.kind !== "+")?.ai ?? 1;
    const bStart = hunk.find((o) => o.kind !== "-")?.bi ?? 1;
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${String(aStart)},${String(aCount)} +${String(bStart)},${String(bCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    k = end;
  }
  return out.join("\n") + "\n";
}

// src/engine/linter.ts
import { availableParallelism } from "node:os";
import { statSync as statSync2 } from "node:fs";
import { relative } from "node:path";

// src/engine/archives.ts
function note(message, fatal) {
  return fatal ? { ...fatalMessage(message, null), messageId: UNREADABLE } : noticeMessage(message, 1, null);
}
function finding(message) {
  return noticeMessage(message, 2, null);
}
function groupByPath(entries) {
  const groups = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    const list = groups.get(entry.path);
    if (list) list.push(entry.bytes);
    else groups.set(entry.path, [entry.bytes]);
  }
  return groups;
}
function overlay(versions) {
  let file = Buffer.alloc(0);
  for (const bytes of versions) file = bytes.length >= file.length ? bytes : Buffer.concat([bytes, file.subarray(bytes.length)]);
  return file;
}
async function loadArchives(archives, maxFileSize, onDebug) {
  const { DEFAULT_ARCHIVE_LIMITS, readArchive } = await import("./chunk-ZQ6LPLCW.js");
  const texts = /* @__PURE__ */ new Map();
  const results = [];
  let unreadableCount = 0;
  for (const archive of archives) {
    const read = await readArchive(archive, { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: maxFileSize }, isTemplateFile);
    if (!read.ok) {
      unreadableCount++;
      results.push(makeResult(archive, [note(read.message, true)]));
      continue;
    }
    onDebug?.(`archive ${archive}: ${String(read.entries.length)} template file(s), ${String(read.skipped.length)} skipped`);
    const add = (memberPath, bytes, notices = []) => {
      const path = archiveMemberPath(archive, memberPath);
      const decoded = decodeTemplate(path, bytes);
      if ("text" in decoded) texts.set(path, decoded.text);
      else unreadableCount++;
      const messages = [...notices, ..."text" in decoded ? [] : [note(decoded.message, true)]];
      if (messages.length > 0) results.push(makeResult(path, messages));
    };
    for (const [memberPath, versions] of groupByPath(read.entries)) {
      if (versions.length === 1) {
        add(memberPath, versions[0]);
        continue;
      }
      const deployed = overlay(versions);
      const copies = versions.map((bytes, index) => ({ bytes, label: `(entry ${String(index + 1)} of ${String(versions.length)})` })).filter((v) => !v.bytes.equals(deployed));
      const where = memberPath.lastIndexOf("/");
      const copyPath = (label) => where === -1 ? `${label}/${memberPath}` : `${memberPath.slice(0, where)}/${label}/${memberPath.slice(where + 1)}`;
      add(memberPath, deployed, [
        finding(
          `The archive holds ${memberPath} ${String(versions.length)} times. Coder's extraction writes each entry over the last without truncating, so the file deployed (linted here) is the last entry over the tail of the longer earlier ones${copies.length > 0 ? `; each other version is linted as ${copies.map((c) => copyPath(c.label)).join(", ")}` : ""}.`
        )
      ]);
      for (const copy of copies) add(copyPath(copy.label), copy.bytes);
    }
    for (const notice of read.notices) results.push(makeResult(notice.path === "" ? archive : archiveMemberPath(archive, notice.path), [finding(notice.message)]));
    for (const skipped of read.skipped) {
      if (skipped.fatal) unreadableCount++;
      results.push(makeResult(archiveMemberPath(archive, skipped.path), [note(skipped.reason, skipped.fatal)]));
    }
  }
  return { texts, results, unreadableCount };
}

// src/engine/linter.ts
var IGNORED = "ignored";
var IGNORED_BY_CONFIG = "File ignored because of a matching ignore pattern (the configuration's ignores). Use --no-warn-ignored to suppress this warning";
var NOT_A_TEMPLATE = "File ignored because it is not a template file (*.tf, *.tf.json, *.tfvars, *.tfvars.json, *.tftpl). Use --no-warn-ignored to suppress this warning";
function ignoredWarning(message) {
  return {
    ruleId: null,
    severity: 1,
    messageId: IGNORED,
    message,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    nodeType: null
  };
}
function planOf(pending, overrides) {
  let files = 0;
  let bytes = 0;
  for (const [, paths] of pending) {
    for (const path of paths) {
      files++;
      const override = overrides?.get(path);
      if (override !== void 0) bytes += override.length;
      else {
        try {
          bytes += statSync2(path).size;
        } catch {
        }
      }
    }
  }
  return { folders: pending.length, files, bytes };
}
var MIN_FOLDERS_FOR_WORKERS = 24;
var MIN_BYTES_FOR_WORKERS = 8 * 1024 * 1024;
function threadCount(requested, folders, bytes) {
  if (requested === void 0 || requested === "auto") {
    if (folders < MIN_FOLDERS_FOR_WORKERS || bytes < MIN_BYTES_FOR_WORKERS) return 1;
    return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(folders / 8)));
  }
  return Math.max(1, Math.min(requested, folders));
}
async function lint(options) {
  const config = options.config;
  const discoverStart = nowMs();
  const discovery = options.discover === false ? { files: [], unmatched: [], ignored: [], notTemplates: [], archives: [], listings: /* @__PURE__ */ new Map(), pushedThoughIgnored: [] } : discover(options.paths, { cwd: options.cwd, ignores: config.ignores, baseDir: config.baseDir, gitignore: options.gitignore ?? true, uploadedByCoder: coderPushes });
  const discoverMs = options.discover === false ? null : nowMs() - discoverStart;
  const debug = options.onDebug;
  const archived = discovery.archives.length > 0 ? await loadArchives(discovery.archives, config.maxFileSize, debug) : null;
  const overrides = archived ? new Map([...options.overrides ?? [], ...archived.texts]) : options.overrides;
  const reported = [.../* @__PURE__ */ new Set([...discovery.files, ...overrides?.keys() ?? []])].sort();
  if (debug) {
    debug(`configuration: ${config.configFile ?? "none (defaults)"}; ignores: ${String(config.ignores.length)} pattern(s); max file size: ${String(config.maxFileSize)} bytes`);
    for (const path of reported) debug(`file: ${path}`);
    for (const path of discovery.ignored) debug(`skipped (matches an ignore pattern): ${path}`);
    for (const path of discovery.notTemplates) debug(`skipped (not a template file): ${path}`);
    for (const path of discovery.unmatched) debug(`no file matches: ${path}`);
  }
  if (discovery.pushedThoughIgnored.length > 0) {
    const shown = discovery.pushedThoughIgnored.slice(0, 5).map((path) => relative(options.cwd, path));
    const more = discovery.pushedThoughIgnored.length - shown.length;
    options.onNote?.(
      `linted ${String(discovery.pushedThoughIgnored.length)} file(s) that .gitignore lists but \`coder templates push\` uploads (it does not read .gitignore): ${shown.join(", ")}${more > 0 ? ` and ${String(more)} more` : ""}`
    );
  }
  const warnIgnored = options.warnIgnored ?? true;
  const ignoredResults = warnIgnored ? [
    ...discovery.ignored.filter((path) => !overrides?.has(path)).map((path) => makeResult(path, [ignoredWarning(IGNORED_BY_CONFIG)])),
    ...discovery.notTemplates.map((path) => makeResult(path, [ignoredWarning(NOT_A_TEMPLATE)]))
  ] : [];
  const folders = [...byFolder(reported)];
  const byDir = /* @__PURE__ */ new Map();
  const cacheableDirs = /* @__PURE__ */ new Set();
  const dependenciesByDir = /* @__PURE__ */ new Map();
  let unreadableCount = 0;
  const pending = [];
  for (const [dir, files] of folders) {
    const cache = options.cache && !options.baseline && !archived?.texts.has(files[0] ?? "") ? options.cache : null;
    if (cache) cacheableDirs.add(dir);
    const dependencies = cache?.dependenciesOf(dir) ?? null;
    const cached = cache && dependencies ? cache.get(dir, folderHash(dir, config.maxFileSize, overrides, dependencies), files) : null;
    if (cached) {
      debug?.(`from the cache: ${dir}`);
      byDir.set(dir, cached);
      unreadableCount += cached.filter((r) => r.messages.some((m) => m.messageId === UNREADABLE)).length;
    } else pending.push([dir, files]);
  }
  const plan = planOf(pending, overrides);
  options.onPlan?.(plan);
  let done = folders.length - pending.length;
  const onFolder = (dir, results2, dependencies) => {
    byDir.set(dir, results2);
    dependenciesByDir.set(dir, dependencies);
    done++;
    options.onProgress?.(done, folders.length);
  };
  const folderOptions = {
    config,
    ...debug ? { onDebug: debug } : {},
    listings: discovery.listings,
    ...overrides ? { overrides } : {},
    ...options.reportUnusedSuppressions ? { reportUnusedSuppressions: true } : {},
    ...options.baseline ? { baseline: options.baseline } : {}
  };
  const threads = options.baseline || overrides ? 1 : threadCount(options.concurrency, pending.length, plan.bytes);
  debug?.(`linting ${String(pending.length)} folder(s), ${String(plan.files)} file(s), ${String(plan.bytes)} bytes, in ${String(threads)} thread(s)`);
  const run = threads > 1 ? await lintInWorkers(pending, folderOptions, threads, onFolder) : await lintFolders(pending, folderOptions, onFolder);
  if (discoverMs !== null) run.timings.set("discover", (run.timings.get("discover") ?? 0) + discoverMs);
  unreadableCount += run.unreadableCount + (archived?.unreadableCount ?? 0);
  const results = [];
  const linted = new Set(pending.map(([dir]) => dir));
  for (const [dir] of folders) {
    const folderResults = byDir.get(dir) ?? [];
    for (const result of folderResults) results.push(result);
    const dependencies = dependenciesByDir.get(dir) ?? [];
    if (cacheableDirs.has(dir) && linted.has(dir)) {
      options.cache?.set(dir, folderHash(dir, config.maxFileSize, overrides, dependencies), dependencies, folderResults, (path) => run.secretsByFile.get(path) ?? []);
    }
  }
  options.cache?.save();
  for (const result of ignoredResults) results.push(result);
  if (!archived) return { results, timings: run.timings, secretsByFile: run.secretsByFile, unmatched: discovery.unmatched, unreadableCount };
  const byPath = new Map(results.map((result, index) => [result.filePath, index]));
  for (const result of archived.results) {
    const at = byPath.get(result.filePath);
    const linted2 = at === void 0 ? void 0 : results[at];
    if (at === void 0 || !linted2) results.push(result);
    else results[at] = makeResult(linted2.filePath, [...result.messages, ...linted2.messages], linted2.suppressedMessages);
  }
  const secretsByFile = new Map([...run.secretsByFile].map(([path, secrets]) => [reportedPath(path), secrets]));
  return { results: results.map(withReportedPaths), timings: run.timings, secretsByFile, unmatched: discovery.unmatched, unreadableCount };
}

// src/hcl/json-view.ts
function fileToJson(file) {
  return bodyToJson(file.body, file.text);
}
function bodyToJson(body, text) {
  const out = {};
  for (const item of body.items) {
    if (item.kind !== "block") continue;
    let target = out;
    let key = item.type;
    for (const label of item.labels) {
      const existing = target[key];
      if (existing && typeof existing === "object" && !Array.isArray(existing)) target = existing;
      else {
        const created = {};
        target[key] = created;
        target = created;
      }
      key = label;
    }
    const value = bodyToJson(item.body, text);
    const current = target[key];
    if (Array.isArray(current)) current.push(value);
    else target[key] = [value];
  }
  for (const item of body.items) {
    if (item.kind === "attribute") out[item.name] = exprToJson(item.value, text);
  }
  return out;
}
function source(expr, text) {
  return text.slice(expr.range.start.offset, expr.range.end.offset);
}
function wrap(expr, text) {
  return "${" + source(expr, text) + "}";
}
function exprToJson(expr, text) {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "operation": {
      const operand = expr.operands[0];
      if (expr.operands.length === 1 && operand?.kind === "literal") {
        if (expr.operator === "-" && typeof operand.value === "number") return -operand.value;
        if (expr.operator === "!" && typeof operand.value === "boolean") return !operand.value;
      }
      return wrap(expr, text);
    }
    case "template":
      return templateToJson(expr, text);
    case "tuple":
      return expr.items.map((item) => exprToJson(item, text));
    case "object": {
      const out = {};
      for (const item of expr.items) out[objectKey(item.key, text)] = exprToJson(item.value, text);
      return out;
    }
    default:
      return wrap(expr, text);
  }
}
function objectKey(key, text) {
  if (key.kind === "traversal" && key.source === null) return source(key, text);
  if (key.kind === "literal") return String(key.value);
  if (key.kind === "template") return templateString(key.parts, text);
  return wrap(key, text);
}
function templateToJson(expr, text) {
  const only = expr.parts[0];
  if (!expr.heredoc && expr.parts.length === 1 && only?.kind === "interpolation") return exprToJson(only.expr, text);
  const rendered = templateString(expr.parts, text);
  return expr.heredoc?.strip ? stripIndent(rendered) : rendered;
}
function templateString(parts, text) {
  let out = "";
  for (const part of parts) {
    switch (part.kind) {
      case "literal":
        out += part.value;
        break;
      case "interpolation":
        out += part.expr.kind === "literal" && part.expr.value !== null ? String(part.expr.value) : wrap(part.expr, text);
        break;
      case "if":
        out += "%{if " + source(part.condition, text) + "}" + templateString(part.then, text);
        if (part.else.length > 0) out += "%{else}" + templateString(part.else, text);
        out += "%{endif}";
        break;
      case "for":
        out += "%{for " + (part.keyVar ? part.keyVar + ", " : "") + part.valueVar + " in " + source(part.collection, text) + "}";
        out += templateString(part.body, text) + "%{endfor}";
        break;
    }
  }
  return out;
}
function stripIndent(rendered) {
  const lines = rendered.split("\n");
  let min = Infinity;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    min = Math.min(min, indent);
  }
  if (!Number.isFinite(min) || min === 0) return rendered;
  return lines.map((line) => line.trim() === "" ? line : line.slice(min)).join("\n");
}

// src/engine/print-json.ts
function printJson(absolutePath, maxFileSize = DEFAULT_MAX_FILE_SIZE) {
  const kind = fileKindOf(absolutePath);
  if (!kind || kind === "tftpl") return { kind: "not-hcl" };
  const read = readTemplate(absolutePath, maxFileSize);
  if (!("text" in read)) return { kind: "unreadable", message: read.message };
  const text = read.text;
  const file = parseWithinLimits(absolutePath, text, kind);
  if (file instanceof ModelTooLargeError) return { kind: "too-large", message: file.message };
  const error = file.syntaxErrors[0];
  if (error) return { kind: "syntax-error", error };
  const secrets = findCredentials(file).map((c) => c.secret);
  if (secrets.length === 0) return { kind: "json", json: fileToJson(file) };
  const masked = parseWithinLimits(absolutePath, redact(text, secrets), kind);
  if (!(masked instanceof ModelTooLargeError) && masked.syntaxErrors.length === 0) return { kind: "json", json: redactJson(fileToJson(masked), secrets) };
  return { kind: "json", json: redactJson(fileToJson(file), secrets) };
}
function redactJson(value, secrets) {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k, secrets), redactJson(v, secrets)]));
  return value;
}
function maskCredentialsIn(path, text, excerpt) {
  const kind = fileKindOf(path);
  if (!kind) return excerpt;
  const file = parseWithinLimits(path, text, kind);
  if (file instanceof ModelTooLargeError) return "";
  return redact(excerpt, findCredentials(file).map((c) => c.secret));
}

// src/formatters/context.ts
import { existsSync } from "node:fs";
import { dirname, join as join2, relative as relative2, resolve as resolve2, sep } from "node:path";
function findRepositoryRoot(cwd, env) {
  if (env.GITHUB_WORKSPACE) return resolve2(env.GITHUB_WORKSPACE);
  let dir = resolve2(cwd);
  for (; ; ) {
    if (existsSync(join2(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve2(cwd);
    dir = parent;
  }
}
function relativeUri(root, file) {
  return relative2(root, file).split(sep).map(encodeURIComponent).join("/");
}
var MAX_REREAD_BYTES = 64 * 1024 * 1024;
function readTextOrEmpty(path) {
  return readBoundedText(path, MAX_REREAD_BYTES) ?? "";
}

// src/formatters/github.ts
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function formatGithub(results, context) {
  const lines = [];
  for (const result of results) {
    const file = decodeURIComponent(relativeUri(context.root, result.filePath));
    for (const m of result.messages) {
      const command = m.severity === 2 ? "error" : "warning";
      const title = m.ruleId ? `coder-secrets-lint(${m.ruleId})` : "coder-secrets-lint";
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${String(m.line)}`,
        `col=${String(m.column)}`,
        `endLine=${String(m.endLine)}`,
        `endColumn=${String(m.endColumn)}`,
        `title=${escapeProperty(title)}`
      ].join(",");
      lines.push(`::${command} ${properties}::${escapeData(m.message)}`);
    }
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

// src/formatters/json.ts
function formatJson(results, context) {
  return JSON.stringify(results.map((result) => withMaskedFixes(result, context.secretsOf(result.filePath))));
}

// src/formatters/escape.ts
var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function visible(text) {
  return text.replace(INVISIBLE, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "	") return "\\t";
    const code = c.charCodeAt(0);
    return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
var NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function xmlSafe(text) {
  return text.replace(NOT_XML, "");
}
function cdata(text) {
  return `<![CDATA[${xmlSafe(text).replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}
var ZERO_WIDTH_SPACE = "\u200B";
var MARKDOWN_PUNCTUATION = /[\\`*_[\]()!|~]/g;
function markdownText(text) {
  return visible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([@#])/g, `$1${ZERO_WIDTH_SPACE}`).replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`).replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZERO_WIDTH_SPACE}.`).replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

// src/formatters/junit.ts
function xml(text) {
  return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
function formatJunit(results, context) {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', "<testsuites>"];
  for (const result of results) {
    const file = decodeURIComponent(relativeUri(context.root, result.filePath));
    const count = result.messages.length;
    out.push(`  <testsuite package="coder-secrets-lint" time="0" tests="${String(Math.max(1, count))}" errors="0" failures="${String(count)}" name="${xml(file)}">`);
    if (count === 0) out.push(`    <testcase time="0" name="coder-secrets-lint" classname="${xml(file)}" />`);
    for (const m of result.messages) {
      const rule = m.ruleId ?? (m.fatal ? "fatal-error" : "suppression-directive");
      const where = `${file}:${String(m.line)}:${String(m.column)}`;
      out.push(`    <testcase time="0" name="coder-secrets-lint.${xml(rule)}" classname="${xml(file)}">`);
      out.push(`      <failure message="${xml(m.message)}" type="${m.severity === 2 ? "error" : "warning"}">${cdata(`${where} ${m.message} (${rule})`)}</failure>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}

// src/formatters/fingerprint.ts
var BLOCK_SIZE = 100;
var MOD = 37n;
var EOF_CHAR = 65535;
var FIRST_MOD = (() => {
  let value = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) value = BigInt.asUintN(64, value * MOD);
  return value;
})();
function lineHashes(text) {
  const out = /* @__PURE__ */ new Map();
  const window = new Array(BLOCK_SIZE).fill(0);
  const lineNumbers = new Array(BLOCK_SIZE).fill(-1);
  const counts = /* @__PURE__ */ new Map();
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  const output = () => {
    const value = hash.toString(16);
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    out.set(lineNumbers[index] ?? -1, `${value}:${String(count)}`);
    lineNumbers[index] = -1;
  };
  const update = (current) => {
    const begin = window[index] ?? 0;
    window[index] = current;
    hash = BigInt.asUintN(64, MOD * hash + BigInt(current) - FIRST_MOD * BigInt(begin));
    index = (index + 1) % BLOCK_SIZE;
  };
  const processChar = (code) => {
    let current = code;
    if (current === 32 || current === 9 || prevCR && current === 10) {
      prevCR = false;
      return;
    }
    if (current === 13) {
      current = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === 10) lineStart = true;
    update(current);
  };
  for (let i = 0; i < text.length; i++) processChar(text.charCodeAt(i));
  processChar(EOF_CHAR);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) output();
    update(0);
  }
  return out;
}

// src/formatters/sarif.ts
var INFORMATION_URI = "https://github.com/coder-secrets-lint/coder-secrets-lint";
var TOOL_RULES = [
  {
    id: "fatal-error",
    description: "A template file could not be parsed or read",
    rationale: "The file has a syntax error, is not UTF-8 text, is too large or could not be read, so it was not checked for secrets.",
    defaultSeverity: "error",
    docsUrl: `${INFORMATION_URI}#exit-codes`,
    messages: {},
    tags: ["correctness"],
    securitySeverity: 1
  },
  {
    id: "suppression-directive",
    description: "A coder-secrets-lint-ignore directive is invalid or unused",
    rationale: "Suppression directives must name known rules and give a reason; unused ones hide nothing and should be removed.",
    defaultSeverity: "warn",
    docsUrl: `${INFORMATION_URI}#suppressions`,
    messages: {},
    tags: ["maintainability"],
    securitySeverity: 1
  }
];
function pascal(id) {
  return id.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
}
function level(severity) {
  return severity === 2 || severity === "error" ? "error" : "warning";
}
function ruleDescriptor(meta) {
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: {
      text: `${meta.description}. ${meta.rationale} See ${meta.docsUrl}`,
      markdown: `**${meta.description}**

${meta.rationale}

[Rule documentation](${meta.docsUrl})`
    },
    helpUri: meta.docsUrl,
    defaultConfiguration: { level: level(meta.defaultSeverity) },
    properties: { tags: [...meta.tags], precision: "high", "security-severity": meta.securitySeverity.toFixed(1) }
  };
}
function region(m) {
  const startLine = Math.max(1, m.line);
  const startColumn = Math.max(1, m.column);
  const endLine = Math.max(startLine, m.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, m.endColumn) : Math.max(1, m.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}
function location(context, filePath, m) {
  return { physicalLocation: { artifactLocation: { uri: relativeUri(context.root, filePath), uriBaseId: "%SRCROOT%" }, region: region(m) } };
}
function historyFingerprint(m) {
  return loadCrypto().createHash("sha256").update(`${m.history?.commit ?? ""}\0${m.ruleId ?? ""}\0${m.history?.path ?? ""}\0${m.message.replace(HISTORY_SPREAD, "")}`).digest("hex").slice(0, 32);
}
function historyProperties(history) {
  return { commit: history.commit, commitDate: history.date, pathAtCommit: history.path, commitsCarrying: history.commits, inHead: history.inHead };
}
function ruleIdOf(m) {
  if (m.ruleId) return m.ruleId;
  return m.fatal ? "fatal-error" : "suppression-directive";
}
function formatSarif(results, context, rules) {
  const allRules = [...rules, ...TOOL_RULES];
  const ruleIndex = new Map(allRules.map((r, i) => [r.id, i]));
  const sarifResults = [];
  for (const result of results) {
    const all = [...result.messages, ...result.suppressedMessages];
    if (all.length === 0) continue;
    const hashes = lineHashes(context.readText(result.filePath));
    for (const m of all) {
      const id = ruleIdOf(m);
      const fingerprint = hashes.get(Math.max(1, m.line));
      const entry = {
        ruleId: id,
        ruleIndex: ruleIndex.get(id) ?? 0,
        level: level(m.severity),
        message: { text: m.message },
        locations: [location(context, result.filePath, m)],
        ...m.history ? (
          // an old version's line is not in today's file: the fingerprint is where the finding began
          { partialFingerprints: { "coderSecretsLintHistory/v1": historyFingerprint(m) }, properties: historyProperties(m.history) }
        ) : fingerprint ? { partialFingerprints: { primaryLocationLineHash: fingerprint } } : {}
      };
      if (m.related && m.related.length > 0) {
        entry.relatedLocations = m.related.map((r, index) => ({ id: index + 1, ...location(context, r.filePath, r), message: { text: r.label } }));
      }
      if (m.trace) {
        entry.codeFlows = [
          {
            message: { text: m.trace.path },
            threadFlows: [
              {
                locations: m.trace.steps.map((step) => ({
                  location: { ...location(context, step.filePath, step), message: { text: step.label } }
                }))
              }
            ]
          }
        ];
      }
      if ("suppressions" in m) {
        entry.suppressions = m.suppressions.map((s) => ({ kind: s.kind === "directive" ? "inSource" : "external", justification: s.justification }));
      }
      sarifResults.push(entry);
    }
  }
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "coder-secrets-lint",
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules: allRules.map(ruleDescriptor)
          }
        },
        ...context.repository ? { versionControlProvenance: [{ repositoryUri: context.repository.uri, revisionId: context.repository.revision }] } : {},
        originalUriBaseIds: { "%SRCROOT%": { uri: `file://${encodeURI(context.root.endsWith("/") ? context.root : context.root + "/")}` } },
        results: sarifResults
      }
    ]
  };
  return JSON.stringify(sarif, null, 2);
}

// src/formatters/stylish.ts
var codes = { red: 31, yellow: 33, dim: 2, underline: 4, bold: 1 };
function paint(color, style, text) {
  return color ? `\x1B[${String(codes[style])}m${text}\x1B[0m` : text;
}
function plural(n, word) {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}
function formatStylish(results, options) {
  const { color } = options;
  let output = "";
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const rows = result.messages.map((m) => [
      `${String(m.line)}:${String(m.column)}`,
      m.severity === 2 ? "error" : "warning",
      visible(m.message.replace(/([^ ])\.$/, "$1")),
      visible(m.ruleId ?? "")
    ]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
    output += `
${paint(color, "underline", visible(result.filePath))}
`;
    for (const [position = "", severity = "", message = "", rule = ""] of rows) {
      const sev = severity === "error" ? paint(color, "red", severity.padEnd(widths[1] ?? 0)) : paint(color, "yellow", severity.padEnd(widths[1] ?? 0));
      output += `  ${paint(color, "dim", position.padEnd(widths[0] ?? 0))}  ${sev}  ${message}  ${paint(color, "dim", rule)}
`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return "";
  const summary = `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  output += `
${paint(color, "bold", errors > 0 ? paint(color, "red", summary) : paint(color, "yellow", summary))}
`;
  return output;
}

// src/formatters/index.ts
var FORMATTERS = {
  stylish: (results, context) => formatStylish(results, { color: context.color }),
  json: formatJson,
  sarif: (results, context) => formatSarif(results, context, RULES.map((r) => r.meta)),
  github: formatGithub,
  junit: formatJunit
};

// src/formatters/external.ts
import { createRequire } from "node:module";
import { dirname as dirname2, isAbsolute, join as join3, resolve as resolve3 } from "node:path";
import { pathToFileURL } from "node:url";

// src/formatters/import-module.ts
function importModule(specifier) {
  return import(specifier);
}

// src/formatters/external.ts
function candidates(name) {
  if (name.startsWith("@")) {
    const [scope, rest] = name.split("/", 2);
    if (!rest) return [`${name}/eslint-formatter`];
    return rest.startsWith("eslint-formatter") ? [name] : [`${scope ?? ""}/eslint-formatter-${rest}`, name];
  }
  return name.startsWith("eslint-formatter-") ? [name] : [`eslint-formatter-${name}`, name];
}
function isPath(name) {
  return name.startsWith(".") || isAbsolute(name) || /\.(c|m)?js$/.test(name) || name.includes("\\");
}
function formatterSearchRoots(installation, execPath = process.execPath, platform = process.platform) {
  const prefix = platform === "win32" ? dirname2(execPath) : dirname2(dirname2(execPath));
  return [installation, platform === "win32" ? join3(prefix, "node_modules") : join3(prefix, "lib", "node_modules")];
}
async function loadFormatter(name, cwd, rules, options) {
  let target = null;
  if (isPath(name)) {
    if (!options.allowPaths) return { error: `a formatter file ("${name}") is not loaded here: it would be code from the repository being linted` };
    target = resolve3(cwd, name);
  } else {
    const require2 = createRequire(join3(options.installation, "noop.js"));
    const roots = formatterSearchRoots(options.installation);
    for (const candidate of candidates(name)) {
      try {
        target = require2.resolve(candidate, { paths: roots });
        break;
      } catch {
      }
    }
  }
  if (!target) return null;
  let loaded;
  try {
    loaded = await importModule(pathToFileURL(target).href);
  } catch {
    return null;
  }
  const module = loaded;
  const eslintFormat = typeof module.default === "function" ? module.default : typeof loaded === "function" ? loaded : null;
  if (!eslintFormat) return null;
  const rulesMeta = Object.fromEntries(rules.map((r) => [r.id, { docs: { description: r.description, url: r.docsUrl }, type: "problem" }]));
  const format = async (results, context) => {
    const out = await eslintFormat(results.map((r) => withMaskedFixes(r, context.secretsOf(r.filePath))), { cwd: context.cwd, rulesMeta });
    return typeof out === "string" ? out : out === void 0 ? "" : JSON.stringify(out);
  };
  return { format };
}

// src/formatters/summary.ts
var MAX_ROWS = 50;
function cell(text) {
  return markdownText(text);
}
function formatSummary(results, context) {
  const rows = results.flatMap((r) => r.messages.map((m) => ({ file: decodeURIComponent(relativeUri(context.root, r.filePath)), m })));
  const lines = ["## coder-secrets-lint", ""];
  if (rows.length === 0) {
    lines.push("No problems found.", "");
    return [...lines, ...suppressionLines(results, context)].join("\n");
  }
  const counts = /* @__PURE__ */ new Map();
  for (const { m } of rows) {
    const rule = m.ruleId ?? (m.fatal ? "(parsing or reading)" : "(suppression directives)");
    const count = counts.get(rule) ?? { errors: 0, warnings: 0 };
    if (m.severity === 2) count.errors++;
    else count.warnings++;
    counts.set(rule, count);
  }
  const errors = rows.filter(({ m }) => m.severity === 2).length;
  lines.push(`**${String(rows.length)} problem${rows.length === 1 ? "" : "s"}** (${String(errors)} error${errors === 1 ? "" : "s"}, ${String(rows.length - errors)} warning${rows.length - errors === 1 ? "" : "s"})`, "");
  lines.push("| Rule | Errors | Warnings |", "| --- | ---: | ---: |");
  for (const [rule, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`| ${cell(rule)} | ${String(count.errors)} | ${String(count.warnings)} |`);
  lines.push("", "| Location | Severity | Rule | Message |", "| --- | --- | --- | --- |");
  for (const { file, m } of rows.slice(0, MAX_ROWS)) {
    lines.push(`| ${cell(`${file}:${String(m.line)}`)} | ${m.severity === 2 ? "error" : "warning"} | ${cell(m.ruleId ?? "")} | ${cell(m.message)} |`);
  }
  if (rows.length > MAX_ROWS) lines.push("", `\u2026 and ${String(rows.length - MAX_ROWS)} more (see the full report: \`--format json\` or the SARIF upload).`);
  lines.push("");
  return [...lines, ...suppressionLines(results, context)].join("\n");
}
function suppressionLines(results, context) {
  const rows = results.flatMap(
    (r) => r.suppressedMessages.flatMap((m) => m.suppressions.filter((s) => s.kind === "directive").map((s) => ({ file: decodeURIComponent(relativeUri(context.root, r.filePath)), m, reason: s.justification })))
  );
  const fromBaseline = results.reduce((n, r) => n + r.suppressedMessages.filter((m) => m.suppressions.some((s) => s.kind === "external")).length, 0);
  if (rows.length === 0 && fromBaseline === 0) return [];
  const lines = [`### Suppressed (${String(rows.length)} by directives in the files${fromBaseline > 0 ? `, ${String(fromBaseline)} by the baseline` : ""})`, ""];
  if (rows.length > 0) {
    lines.push("| Location | Rule | Reason |", "| --- | --- | --- |");
    for (const { file, m, reason } of rows.slice(0, MAX_ROWS)) lines.push(`| ${cell(`${file}:${String(m.line)}`)} | ${cell(m.ruleId ?? "")} | ${cell(reason)} |`);
    if (rows.length > MAX_ROWS) lines.push("", `\u2026 and ${String(rows.length - MAX_ROWS)} more.`);
    lines.push("");
  }
  return lines;
}

// src/cli/cli.ts
var EXIT = { clean: 0, errors: 1, usage: 2, unreadable: 3 };
var HELP = `coder-secrets-lint [options] [file|dir|archive ...]
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
function parse(argv) {
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
      help: { type: "boolean", short: "h" }
    }
  });
}
function nonNegativeInteger(value, flag) {
  if (value === void 0) return void 0;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${flag} expects a non-negative integer, got "${value}"`);
  return Number(value);
}
function historyRules(value) {
  if (value.trim() === "all") return RULES.map((r) => r.meta.id);
  return value.split(",").map((id) => id.trim().replace(/^coder-secrets\//, "")).filter((id) => id !== "");
}
function listRules() {
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  return RULES.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(5)}  ${r.meta.description}`).join("\n") + "\n";
}
function printableConfig(config) {
  return JSON.stringify(
    {
      configFile: config.configFile,
      rules: Object.fromEntries(Object.entries(config.rules).map(([id, s]) => [id, Object.keys(s.options).length > 0 ? [s.severity, s.options] : s.severity])),
      ignores: config.ignores,
      sensitiveAttributes: config.sensitiveAttributes,
      providerSchemas: config.providerSchemas,
      maxFileSize: config.maxFileSize
    },
    null,
    2
  ) + "\n";
}
function timingTable(timings, setting) {
  const rows = [...timings].sort((a, b) => b[1] - a[1]);
  const shown = setting === "all" ? rows : rows.slice(0, 10);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const width = Math.max("Rule or phase".length, ...shown.map(([name]) => name.length));
  const lines = [`${"Rule or phase".padEnd(width)} | Time (ms) | Relative`, `:${"-".repeat(width - 1)}-|----------:|--------:`];
  for (const [name, ms] of shown) {
    lines.push(`${name.padEnd(width)} | ${ms.toFixed(3).padStart(9)} | ${`${(total > 0 ? 100 * ms / total : 0).toFixed(1)}%`.padStart(8)}`);
  }
  return `${lines.join("\n")}
`;
}
function printJsonCommand(path, io) {
  const outcome = printJson(resolve4(io.cwd, path));
  switch (outcome.kind) {
    case "not-hcl":
      io.stderr(`coder-secrets-lint: --print-json needs a .tf, .tfvars, .tf.json or .tfvars.json file: ${visible(path)}
`);
      return EXIT.usage;
    case "unreadable":
      io.stderr(`coder-secrets-lint: ${visible(path)}: ${outcome.message}
`);
      return EXIT.unreadable;
    case "too-large":
      io.stderr(`coder-secrets-lint: ${visible(path)}: ${outcome.message}
`);
      return EXIT.unreadable;
    case "syntax-error": {
      const start = outcome.error.range.start;
      io.stderr(`${visible(path)}:${String(start.line)}:${String(start.column)}: Parsing error: ${outcome.error.message}
`);
      return EXIT.errors;
    }
    case "json":
      io.stdout(JSON.stringify(outcome.json, null, 2) + "\n");
      return EXIT.clean;
  }
}
function filterQuiet(results) {
  return results.map((r) => {
    const messages = r.messages.filter((m) => m.severity === 2);
    return { ...r, messages, warningCount: 0 };
  });
}
async function runCli(argv, io) {
  let args;
  const history = argv[0] === "history";
  try {
    args = parse(history ? argv.slice(1) : argv);
  } catch (error) {
    io.stderr(`coder-secrets-lint: ${visible(error.message)}
Run coder-secrets-lint --help for usage.
`);
    return EXIT.usage;
  }
  const v = args.values;
  if (v.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  if (v.version) {
    io.stdout(`v${packageVersion()}
`);
    return EXIT.clean;
  }
  if (v["list-rules"]) {
    io.stdout(listRules());
    return EXIT.clean;
  }
  if (v["print-json"] !== void 0) return printJsonCommand(v["print-json"], io);
  const formatName = v.format ?? "stylish";
  const builtIn = FORMATTERS[formatName];
  const loaded = builtIn ? null : await loadFormatter(formatName, io.cwd, RULES.map((r) => r.meta), { installation: packageRoot(), allowPaths: io.formatterFiles !== false });
  if (loaded && "error" in loaded) {
    io.stderr(`coder-secrets-lint: ${visible(loaded.error)}
`);
    return EXIT.usage;
  }
  const external = loaded?.format ?? null;
  if (!builtIn && !external) {
    io.stderr(`coder-secrets-lint: unknown format "${visible(formatName)}"; choose one of ${Object.keys(FORMATTERS).join(", ")}, an eslint-formatter-<name> package installed beside coder-secrets-lint or globally, or a formatter file
`);
    return EXIT.usage;
  }
  const formatter = async (results2, context2) => builtIn ? builtIn(results2, context2) : external ? external(results2, context2) : "";
  let config;
  let maxWarnings;
  let concurrency = "auto";
  try {
    const requested = v.concurrency ?? "auto";
    if (requested === "off") concurrency = 1;
    else if (requested !== "auto") concurrency = nonNegativeInteger(requested, "--concurrency") ?? 1;
    maxWarnings = nonNegativeInteger(v["max-warnings"], "--max-warnings");
    config = resolveConfig({
      cwd: io.cwd,
      ...v.config !== void 0 ? { configFile: v.config } : {},
      ...v.rule ? { ruleOverrides: v.rule } : {},
      ...v["max-file-size"] !== void 0 ? { maxFileSize: nonNegativeInteger(v["max-file-size"], "--max-file-size") ?? 0 } : {},
      noConfigLookup: v["no-config-lookup"] === true,
      ...v["ignore-pattern"] ? { ignorePatterns: v["ignore-pattern"] } : {},
      noInlineConfig: v["no-inline-config"] === true
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`coder-secrets-lint: ${visible(error.message)}
`);
      return EXIT.usage;
    }
    throw error;
  }
  if (v["print-config"]) {
    io.stdout(printableConfig(config));
    return EXIT.clean;
  }
  const note2 = configNote(config);
  if (note2) io.stderr(`coder-secrets-lint: ${visible(note2)}
`);
  const showProgress = io.stderrIsTTY && !io.env.CI;
  const started = nowMs();
  if (Object.values(config.rules).every((r) => r.severity === "off")) {
    io.stderr("coder-secrets-lint: every rule is off (configuration and --rule): nothing is checked\n");
  }
  if (history) {
    const conflicting = ["fix", "fix-dry-run", "stdin", "cache"].find((flag) => v[flag] === true);
    if (conflicting) {
      io.stderr(`coder-secrets-lint: --${conflicting} does not apply to history
`);
      return EXIT.usage;
    }
  } else if (v.since !== void 0 || v["history-rules"] !== void 0) {
    io.stderr(`coder-secrets-lint: --${v.since !== void 0 ? "since" : "history-rules"} applies to history only (coder-secrets-lint history ...)
`);
    return EXIT.usage;
  }
  let run;
  const fixing = v.fix === true || v["fix-dry-run"] === true;
  const originals = /* @__PURE__ */ new Map();
  const overrides = /* @__PURE__ */ new Map();
  let stdinPath = null;
  if (v.stdin === true) {
    if (v.fix === true) {
      io.stderr("coder-secrets-lint: --fix cannot write standard input back; use --fix-dry-run\n");
      return EXIT.usage;
    }
    const text = io.readStdin?.(config.maxFileSize) ?? null;
    if (text === null) {
      io.stderr(`coder-secrets-lint: standard input is over the --max-file-size limit or cannot be read
`);
      return EXIT.unreadable;
    }
    stdinPath = resolve4(io.cwd, v["stdin-filename"] ?? "stdin.tf");
    overrides.set(stdinPath, stripBom(text));
    originals.set(stdinPath, stripBom(text));
  } else if (v["stdin-filename"] !== void 0) {
    io.stderr("coder-secrets-lint: --stdin-filename needs --stdin\n");
    return EXIT.usage;
  }
  try {
    const baseline = v.baseline !== void 0 ? readBaseline(resolve4(io.cwd, v.baseline)) : void 0;
    const cacheOptions = { reportUnusedSuppressions: v["report-unused-suppressions"] === true };
    const cache = v.cache === true && !fixing ? new LintCache(v["cache-location"] ?? DEFAULT_CACHE_LOCATION, cacheKey(packageVersion(), config, cacheOptions, MAX_SCHEMA_BYTES), {
      cwd: io.cwd,
      onNote: (note3) => {
        io.stderr(`coder-secrets-lint: ${visible(note3)}
`);
      }
    }) : void 0;
    const lintOnce = () => lint({
      ...cache ? { cache } : {},
      onNote: (line) => {
        io.stderr(`coder-secrets-lint: ${visible(line)}
`);
      },
      ...io.onPlan ? { onPlan: io.onPlan } : {},
      concurrency,
      ...baseline ? { baseline: { ...baseline, remaining: new Map(baseline.remaining) } } : {},
      ...overrides.size > 0 ? { overrides } : {},
      reportUnusedSuppressions: v["report-unused-suppressions"] === true,
      warnIgnored: v["no-warn-ignored"] !== true,
      gitignore: v["no-gitignore"] !== true,
      ...v.debug === true ? {
        onDebug: (line) => {
          io.stderr(`coder-secrets-lint: debug: ${visible(line)}
`);
        }
      } : {},
      paths: args.positionals,
      ...stdinPath ? { discover: false } : {},
      cwd: io.cwd,
      config,
      ...showProgress ? {
        // a progress line only for runs that take over a second, on a terminal
        onProgress: (done, total) => {
          if (nowMs() - started < 1e3) return;
          io.stderr(`\rLinting ${String(done)}/${String(total)} folders${done === total ? "\n" : ""}`);
        }
      } : {}
    });
    run = history ? (
      // loaded only for history: it brings child_process and readline, which a lint never needs
      await (await import("./chunk-PIYQEZUE.js")).scanHistory({
        cwd: io.cwd,
        config,
        revisions: args.positionals,
        ...v.since !== void 0 ? { since: v.since } : {},
        ...v["history-rules"] !== void 0 ? { rules: historyRules(v["history-rules"]) } : {},
        ...baseline ? { baseline: { ...baseline, remaining: new Map(baseline.remaining) } } : {},
        ...v.debug === true ? { onDebug: (line) => {
          io.stderr(`coder-secrets-lint: debug: ${visible(line)}
`);
        } } : {}
      })
    ) : await lintOnce();
    for (let pass = 0; fixing && pass < 10; pass++) {
      let changed = false;
      for (const result of run.results) {
        if (!result.messages.some((m) => m.fix)) continue;
        const current = overrides.get(result.filePath) ?? stripBom(readTextOrEmpty(result.filePath));
        if (!originals.has(result.filePath)) originals.set(result.filePath, current);
        const { output: output2, applied } = applyFixes(current, result.messages);
        if (applied > 0 && output2 !== current) {
          overrides.set(result.filePath, output2);
          changed = true;
        }
      }
      if (!changed) break;
      run = await lintOnce();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`coder-secrets-lint: ${visible(error.message)}
`);
      return EXIT.usage;
    }
    throw error;
  }
  if (run.unmatched.length > 0 && v["no-error-on-unmatched-pattern"] !== true) {
    for (const path of run.unmatched) io.stderr(`coder-secrets-lint: No files matching the pattern "${visible(path)}" were found.
`);
    return EXIT.usage;
  }
  const machineFormat = formatName !== "stylish";
  const fixedOutputs = /* @__PURE__ */ new Map();
  let fixFailed = false;
  for (const [path, fixed] of overrides) {
    const original = originals.get(path) ?? "";
    if (fixed === original) continue;
    if (v["fix-dry-run"] && machineFormat) fixedOutputs.set(path, maskCredentialsIn(path, original, fixed));
    else if (v["fix-dry-run"]) io.stdout(maskCredentialsIn(path, original, unifiedDiff(relative3(io.cwd, path), original, fixed)));
    else {
      try {
        writeFileSafely(path, (readTextOrEmpty(path).startsWith("\uFEFF") ? "\uFEFF" : "") + fixed, { cwd: dirname3(path), trustAbsolute: false });
      } catch (error) {
        io.stderr(`coder-secrets-lint: not fixed: ${visible(relative3(io.cwd, path))}: ${visible(writeErrorText(error))}
`);
        fixFailed = true;
      }
    }
  }
  if (v["write-baseline"] !== void 0) {
    const path = resolve4(io.cwd, v["write-baseline"]);
    const baseline = buildBaseline(run.results, path);
    try {
      writeBaseline(v["write-baseline"], io.cwd, baseline);
    } catch (error) {
      io.stderr(`coder-secrets-lint: cannot write ${visible(v["write-baseline"])}: ${visible(writeErrorText(error))}
`);
      return EXIT.usage;
    }
    io.stderr(`coder-secrets-lint: wrote ${String(baseline.findings.reduce((n, f) => n + f.count, 0))} findings to ${visible(v["write-baseline"])}
`);
    return EXIT.clean;
  }
  if (io.env.TIMING) io.stderr(timingTable(run.timings, io.env.TIMING));
  const linted = fixedOutputs.size === 0 ? run.results : run.results.map((r) => fixedOutputs.has(r.filePath) ? { ...r, output: fixedOutputs.get(r.filePath) ?? "" } : r);
  const results = v.quiet ? filterQuiet(linted) : linted;
  const forced = io.env.FORCE_COLOR;
  const color = v["no-color"] ? false : v.color === true || (forced !== void 0 && forced !== "" ? forced !== "0" && forced !== "false" : io.stdoutIsTTY && !v["output-file"] && !io.env.NO_COLOR);
  const context = {
    color,
    cwd: io.cwd,
    root: findRepositoryRoot(io.cwd, io.env),
    toolVersion: packageVersion(),
    // a history finding's file is an old version: today's file on disk is not its text
    readText: history ? () => "" : readTextOrEmpty,
    secretsOf: (path) => run.secretsByFile.get(path) ?? [],
    ..."repository" in run && run.repository ? { repository: run.repository } : {}
  };
  const output = await formatter(results, context);
  const extra = [];
  if (v["sarif-file"]) extra.push([v["sarif-file"], FORMATTERS.sarif?.(results, { ...context, color: false }) ?? ""]);
  if (v["summary-file"]) extra.push([v["summary-file"], formatSummary(results, { ...context, color: false })]);
  for (const [file, text] of extra) {
    try {
      if (file === v["summary-file"]) writeFileSafely(file, text, { cwd: io.cwd, append: true });
      else writeFileSafely(file, text.endsWith("\n") ? text : text + "\n", { cwd: io.cwd });
    } catch (error) {
      io.stderr(`coder-secrets-lint: cannot write ${visible(file)}: ${visible(writeErrorText(error))}
`);
      return EXIT.usage;
    }
  }
  if (v["output-file"]) {
    try {
      writeFileSafely(v["output-file"], output.endsWith("\n") || output === "" ? output : output + "\n", { cwd: io.cwd });
    } catch (error) {
      io.stderr(`coder-secrets-lint: cannot write ${visible(v["output-file"])}: ${visible(writeErrorText(error))}
`);
      return EXIT.usage;
    }
  } else if (output !== "") io.stdout(output.endsWith("\n") ? output : output + "\n");
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (run.unreadableCount > 0 || fixFailed) return EXIT.unreadable;
  if (errors > 0) return EXIT.errors;
  if (maxWarnings !== void 0 && warnings > maxWarnings) {
    io.stderr(`coder-secrets-lint found too many warnings (maximum: ${String(maxWarnings)}).
`);
    return EXIT.errors;
  }
  return EXIT.clean;
}

// src/cli/v8-tuning.ts
var BATCH_V8_FLAGS = ["--no-turbo-inlining"];
var MIN_BYTES_FOR_BATCH_TUNING = 256 * 1024;
function wantsBatchTuning(plan) {
  return plan.bytes >= MIN_BYTES_FOR_BATCH_TUNING;
}
var tuned = false;
function tuneV8ForBatch() {
  if (tuned) return;
  tuned = true;
  const v8 = loadV8();
  for (const flag of BATCH_V8_FLAGS) v8.setFlagsFromString(flag);
}
function tuneV8ForPlan(plan) {
  if (wantsBatchTuning(plan)) tuneV8ForBatch();
}

// src/action/main.ts
function actionInput(env, name) {
  const key = `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, "_")] ?? "").trim();
}
function splitArgs(text) {
  return text.split(/\s+/).filter((word) => word !== "");
}
function splitPaths(text) {
  const paths = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  return paths.length > 0 ? paths : ["."];
}
function planRun(env, cwd) {
  const failOn = actionInput(env, "fail-on") || "error";
  if (failOn !== "error" && failOn !== "warning" && failOn !== "never") {
    return { error: `fail-on must be error, warning or never, not '${failOn}'` };
  }
  const workingDirectory = actionInput(env, "working-directory");
  const argv = [];
  const config = actionInput(env, "config");
  if (config) argv.push("--config", config);
  const baseline = actionInput(env, "baseline");
  if (baseline) argv.push("--baseline", baseline);
  argv.push(...splitArgs(actionInput(env, "args")));
  if (failOn === "warning") argv.push("--max-warnings", "0");
  const sarifFile = actionInput(env, "sarif-file");
  if (sarifFile) argv.push("--sarif-file", sarifFile);
  if (env.GITHUB_STEP_SUMMARY) argv.push("--summary-file", env.GITHUB_STEP_SUMMARY);
  argv.push("--format", actionInput(env, "format") || "github");
  argv.push("--", ...splitPaths(env.INPUT_PATHS ?? "."));
  return { cwd: workingDirectory ? resolve5(cwd, workingDirectory) : cwd, argv, failOn, sarifFile };
}
function stepExitCode(lintCode, failOn) {
  return failOn === "never" && lintCode <= 1 ? 0 : lintCode;
}
function workflowError(message) {
  return `::error title=coder-secrets-lint::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}
`;
}
async function runAction(env = process.env) {
  const plan = planRun(env, process.cwd());
  if ("error" in plan) {
    process.stdout.write(workflowError(plan.error));
    return 2;
  }
  let code;
  try {
    process.chdir(plan.cwd);
  } catch {
    process.stdout.write(workflowError("working-directory does not exist"));
    return 2;
  }
  try {
    code = await runCli(plan.argv, {
      cwd: plan.cwd,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env,
      readStdin: () => null,
      // the Action's step is a process of its own, like the bin: tuned for a large batch
      onPlan: tuneV8ForPlan,
      // a formatter file would be code from the checkout being linted
      formatterFiles: false
    });
  } catch (error) {
    process.stdout.write(workflowError(`internal error: ${error instanceof Error ? error.message : String(error)}`));
    code = 2;
  }
  if (plan.sarifFile && code >= 2 && !nonEmptyFile(resolve5(plan.cwd, plan.sarifFile))) {
    process.stdout.write(workflowError(`could not write SARIF (exit code ${code})`));
  }
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `exit-code=${code}
sarif-file=${plan.sarifFile}
`);
  return stepExitCode(code, plan.failOn);
}
function nonEmptyFile(path) {
  try {
    return statSync3(path).size > 0;
  } catch {
    return false;
  }
}

// src/action/entry.ts
void runAction().then((code) => {
  process.exitCode = code;
});
