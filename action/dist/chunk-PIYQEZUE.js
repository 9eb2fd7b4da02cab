import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);
import {
  BlobReader,
  ConfigError,
  GitError,
  Module,
  RULES_BY_ID,
  UNREADABLE,
  applyBaseline,
  buildCatalog,
  decodeTemplate,
  fatalMessage,
  fileKindOf,
  fileResult,
  firstParentChildCounts,
  gitOutput,
  historyNote,
  listTree,
  logCommits,
  makeResult,
  offsetInFile,
  parseTemplateText,
  repositoryTop,
  revisionRefusal,
  runRules,
  unparsedFileMessages
} from "./chunk-UMXLXBLB.js";
import "./chunk-4RXEXYZ5.js";

// src/engine/history.ts
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
var DEFAULT_HISTORY_RULES = ["no-hardcoded-credentials"];
function publicRemoteUrl(remote) {
  const scp = /^([\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(remote);
  const text = scp ? `ssh://${scp[2] ?? ""}/${scp[3] ?? ""}` : remote;
  try {
    const url = new URL(text);
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    return url.protocol === "file:" ? null : url.href;
  } catch {
    return null;
  }
}
var REGULAR_FILE = /^100(644|755)$/;
var LOOKAHEAD = 64;
var MAX_CACHED_CHARS = 32 * 1024 * 1024;
function isTemplate(path) {
  return fileKindOf(path) !== null;
}
function withoutFix(message) {
  if (!message.fix) return message;
  const copy = { ...message };
  delete copy.fix;
  return copy;
}
function identityOf(message, path, file) {
  const hash = createHash("sha256").update(message.ruleId ?? "");
  if (message.ruleId === "no-hardcoded-credentials") {
    hash.update("\0value\0").update(file.text.slice(offsetInFile(file, message.line, message.column), offsetInFile(file, message.endLine, message.endColumn)));
  } else hash.update("\0").update(path).update("\0").update(message.message);
  return hash.digest("hex");
}
function historyConfig(config, ruleIds) {
  for (const id of ruleIds) if (!RULES_BY_ID.has(id)) throw new ConfigError(`--history-rules: unknown rule "${id}"`);
  const chosen = new Set(ruleIds);
  const rules = Object.fromEntries(Object.entries(config.rules).map(([id, setting]) => [id, chosen.has(id) ? setting : { ...setting, severity: "off" }]));
  return { ...config, rules };
}
async function scanHistory(options) {
  const top = repositoryTop(options.cwd);
  if (!top) throw new ConfigError(`history: ${options.cwd} is not inside a git repository`);
  const ruleIds = options.rules ?? DEFAULT_HISTORY_RULES;
  const config = historyConfig(options.config, ruleIds);
  const folderWise = ruleIds.some((id) => id !== "no-hardcoded-credentials");
  const catalog = buildCatalog(config);
  const timings = /* @__PURE__ */ new Map();
  for (const revision of options.revisions) {
    const refusal = revisionRefusal(revision);
    if (refusal) throw new ConfigError(`history: refusing the revision "${revision}": ${refusal}`);
  }
  if (options.since !== void 0) {
    const refusal = revisionRefusal(options.since);
    if (refusal) throw new ConfigError(`history: refusing --since "${options.since}": ${refusal}`);
    if (gitOutput(top, ["rev-parse", "--verify", "-q", "--end-of-options", `${options.since}^{commit}`]) === null) {
      throw new ConfigError(`history: --since "${options.since}" is not a commit of this repository`);
    }
  }
  const revisions = [...options.revisions, ...options.since !== void 0 ? [`${options.since}..HEAD`] : []];
  const head = gitOutput(top, ["rev-parse", "--verify", "-q", "HEAD^{commit}"]);
  const children = await firstParentChildCounts(top, revisions);
  const states = /* @__PURE__ */ new Map();
  const seenBlobs = /* @__PURE__ */ new Set();
  const texts = /* @__PURE__ */ new Map();
  const sightings = /* @__PURE__ */ new Map();
  const carriedBy = /* @__PURE__ */ new Map();
  const reader = new BlobReader(top, config.maxFileSize);
  let commits = 0;
  let linted = 0;
  const notLinted = /* @__PURE__ */ new Map();
  const noteNotLinted = (commit, order, path, blob, reason, at = null) => {
    const key = versionKey(blob, path);
    if (!notLinted.has(key)) notLinted.set(key, { commit, order, path, reason, at });
  };
  const reasons = /* @__PURE__ */ new Map();
  const rawTexts = /* @__PURE__ */ new Map();
  const textOf = (blob, path) => {
    let text = texts.get(blob);
    if (!text) {
      text = readText(blob, path).then((read) => {
        remember(blob, read?.length ?? 0);
        return read;
      });
      texts.set(blob, text);
    }
    return text;
  };
  const textSizes = /* @__PURE__ */ new Map();
  let cachedChars = 0;
  const remember = (blob, size) => {
    textSizes.set(blob, size);
    cachedChars += size;
    for (const [oldest, oldSize] of textSizes) {
      if (cachedChars <= MAX_CACHED_CHARS || oldest === blob) break;
      textSizes.delete(oldest);
      texts.delete(oldest);
      cachedChars -= oldSize;
    }
  };
  const readText = async (blob, path) => {
    const read = await reader.read(blob);
    let text = null;
    if ("bytes" in read) {
      const decoded = decodeTemplate(path, read.bytes);
      if ("text" in decoded) text = decoded.text;
      else {
        reasons.set(blob, decoded.message);
        rawTexts.set(blob, read.bytes.toString("latin1"));
      }
    } else reasons.set(blob, read.skipped === "too-large" ? `File is ${String(read.size)} bytes, over the --max-file-size limit; not linted` : "This file version is not in this clone (a partial or shallow clone); not linted");
    if (text === null) options.onDebug?.(`history: ${path} (blob ${blob.slice(0, 12)}) skipped: ${reasons.get(blob) ?? ""}`);
    return text;
  };
  const record = (commit, order, file, path, blob, messages) => {
    for (const message of messages) {
      if (!message.ruleId) continue;
      const id = identityOf(message, path, file);
      let sighting = sightings.get(id);
      if (!sighting) {
        sighting = { message: withoutFix(message), commit, path, order, blobs: /* @__PURE__ */ new Set(), commits: 0, inHead: false };
        sightings.set(id, sighting);
      }
      sighting.blobs.add(blob);
      const ids = carriedBy.get(blob) ?? /* @__PURE__ */ new Set();
      ids.add(id);
      carriedBy.set(blob, ids);
    }
  };
  const lintUnit = async (commit, order, dir, entries) => {
    const files = [];
    for (const [path, blob] of entries) {
      const text = await textOf(blob, path);
      if (text === null) {
        noteNotLinted(commit, order, path, blob, reasons.get(blob) ?? "not linted");
        const raw = rawTexts.get(blob);
        rawTexts.delete(blob);
        if (raw !== void 0) {
          const loaded2 = parseTemplateText(join(top, path), raw.replace(/\0/g, " "));
          if (loaded2.ok) record(commit, order, loaded2.file, path, blob, unparsedFileMessages(loaded2.file, config));
        }
        continue;
      }
      const loaded = parseTemplateText(join(top, path), text);
      if (!loaded.ok) noteNotLinted(commit, order, path, blob, loaded.unreadable.message);
      else if (loaded.file.syntaxErrors.length === 0) files.push({ file: loaded.file, path, blob });
      else {
        const error = loaded.file.syntaxErrors[0];
        noteNotLinted(commit, order, path, blob, `Parsing error: ${(error?.message ?? "syntax error").replace(/\.$/, "")}; the other rules did not run on this version`, error?.range ?? null);
        record(commit, order, loaded.file, path, blob, unparsedFileMessages(loaded.file, config));
      }
    }
    if (files.length === 0) return;
    linted += files.length;
    const module = new Module(join(top, dir), files.map((f) => f.file));
    const byFile = runRules(module, catalog, config, timings);
    for (const { file, path, blob } of files) {
      const messages = byFile.get(file.path) ?? [];
      if (messages.length === 0) continue;
      const kept = fileResult(file, messages, { config }).messages.filter((m) => m.ruleId !== null);
      record(commit, order, file, path, blob, kept);
    }
  };
  const known = /* @__PURE__ */ new Set();
  const loadBoundary = async (parent) => {
    const parentState = /* @__PURE__ */ new Map();
    for (const entry of await listTree(top, parent)) {
      if (entry.type !== "blob" || !REGULAR_FILE.test(entry.mode) || !isTemplate(entry.path)) continue;
      parentState.set(entry.path, entry.blob);
      seenBlobs.add(versionKey(entry.blob, entry.path));
    }
    states.set(parent, parentState);
    known.add(parent);
  };
  const enqueue = async (commit) => {
    const parent = commit.parents[0];
    if (parent && !known.has(parent)) await loadBoundary(parent);
    known.add(commit.sha);
    const fresh = [];
    for (const change of commit.changes) {
      if (change.status === "D" || !REGULAR_FILE.test(change.mode) || !isTemplate(change.path) || seenBlobs.has(versionKey(change.blob, change.path))) continue;
      seenBlobs.add(versionKey(change.blob, change.path));
      fresh.push([change.path, change.blob]);
      void textOf(change.blob, change.path).catch(() => null);
    }
    return { commit, fresh };
  };
  const lintCommit = async ({ commit, fresh }) => {
    const order = commits++;
    const parent = commit.parents[0];
    let state;
    const parentState = parent ? states.get(parent) : void 0;
    if (!parent || !parentState) state = /* @__PURE__ */ new Map();
    else {
      const left = (children.get(parent) ?? 1) - 1;
      children.set(parent, left);
      if (left <= 0) {
        states.delete(parent);
        state = parentState;
      } else state = new Map(parentState);
    }
    const touched = /* @__PURE__ */ new Set();
    for (const change of commit.changes) {
      if (!isTemplate(change.path)) continue;
      touched.add(dirname(change.path));
      if (change.status === "D" || !REGULAR_FILE.test(change.mode)) state.delete(change.path);
      else state.set(change.path, change.blob);
    }
    if (folderWise) {
      for (const dir of touched) {
        const prefix = dir === "." ? "" : `${dir}/`;
        const entries = [...state].filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/"));
        await lintUnit(commit, order, dir, entries);
      }
    } else {
      for (const entry of fresh) await lintUnit(commit, order, dirname(entry[0]), [entry]);
    }
    const carried = /* @__PURE__ */ new Set();
    for (const blob of state.values()) for (const id of carriedBy.get(blob) ?? []) carried.add(id);
    for (const id of carried) {
      const sighting = sightings.get(id);
      if (sighting) sighting.commits++;
    }
    if (commit.sha === head) for (const id of carried) sightings.get(id).inHead = true;
    if ((children.get(commit.sha) ?? 0) > 0) states.set(commit.sha, state);
  };
  try {
    const queue = [];
    for await (const commit of logCommits(top, revisions)) {
      queue.push(await enqueue(commit));
      if (queue.length >= LOOKAHEAD) await lintCommit(queue.shift());
    }
    for (const queued of queue) await lintCommit(queued);
  } catch (error) {
    if (error instanceof GitError) throw new ConfigError(`history: ${error.message}`);
    throw error;
  } finally {
    reader.close();
  }
  options.onDebug?.(`history: ${String(commits)} commit(s), ${String(seenBlobs.size)} template file version(s), ${String(linted)} file lint(s), ${String(sightings.size)} finding(s)`);
  const found = [...historyResults(top, [...sightings.values()]), ...notLintedResults(top, [...notLinted.values()])];
  const results = options.baseline ? found.map((result) => withBaseline(result, options.baseline)) : found;
  const remote = gitOutput(top, ["remote", "get-url", "origin"]);
  const uri = remote ? publicRemoteUrl(remote) : null;
  return { results, timings, secretsByFile: /* @__PURE__ */ new Map(), unmatched: [], unreadableCount: notLinted.size, commits, blobs: seenBlobs.size, top, ...uri && head ? { repository: { uri, revision: head } } : {} };
}
function versionKey(blob, path) {
  return `${blob}\0${fileKindOf(path) ?? ""}`;
}
function notLintedResults(top, versions) {
  return [...versions].sort((a, b) => a.order - b.order || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((version) => {
    const where = `In commit ${version.commit.sha.slice(0, 12)} (${version.commit.date.slice(0, 10)}) as ${version.path}.`;
    return makeResult(join(top, version.path), [{ ...fatalMessage(`${version.reason}. ${where}`, version.at), messageId: UNREADABLE }]);
  });
}
function withBaseline(result, baseline) {
  const { kept, suppressed } = applyBaseline(baseline, result.filePath, result.messages);
  return makeResult(result.filePath, kept, suppressed);
}
function historyResults(top, sightings) {
  const groups = /* @__PURE__ */ new Map();
  for (const sighting of [...sightings].sort((a, b) => a.order - b.order || a.path.localeCompare(b.path))) {
    const key = `${sighting.commit.sha}\0${sighting.path}`;
    const group = groups.get(key) ?? { sighting, messages: [] };
    const info = {
      commit: sighting.commit.sha,
      date: sighting.commit.date,
      path: sighting.path,
      commits: sighting.commits,
      inHead: sighting.inHead
    };
    group.messages.push({ ...sighting.message, message: `${sighting.message.message} ${historyNote(info)}`, history: info });
    groups.set(key, group);
  }
  return [...groups.values()].map(({ sighting, messages }) => makeResult(join(top, sighting.path), messages));
}
export {
  DEFAULT_HISTORY_RULES,
  publicRemoteUrl,
  scanHistory
};
