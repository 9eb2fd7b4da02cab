import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);
import {
  ConfigError,
  Module,
  RULES_BY_ID,
  UNREADABLE,
  applyBaseline,
  buildCatalog,
  decodeTemplate,
  fatalMessage,
  fileKindOf,
  fileResult,
  historyNote,
  makeResult,
  offsetInFile,
  parseTemplateText,
  runRules,
  unparsedFileMessages
} from "./chunk-F74VSWQL.js";
import "./chunk-4RXEXYZ5.js";

// src/engine/history.ts
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";

// src/discover/git.ts
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
var GitError = class extends Error {
};
var COMMIT_MARK = "";
var DATE_MARK = "";
var PLAIN = [
  "--no-pager",
  "--no-replace-objects",
  "-c",
  "protocol.allow=never",
  "-c",
  "core.fsmonitor=false",
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "core.useReplaceRefs=false",
  "-c",
  "core.quotePath=false",
  "-c",
  "diff.external=",
  "-c",
  "diff.relative=false",
  "-c",
  "log.showSignature=false",
  "-c",
  "log.showRoot=true"
];
function gitEnv(env = process.env) {
  return {
    ...env,
    GIT_NO_LAZY_FETCH: "1",
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_GRAFT_FILE: "/dev/null/no-grafts",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    GIT_PROTOCOL_FROM_USER: "0",
    GIT_ALLOW_PROTOCOL: "",
    GIT_PAGER: "cat",
    GIT_EXTERNAL_DIFF: "",
    GIT_OPTIONAL_LOCKS: "0"
  };
}
function gitOutput(cwd, args) {
  const result = spawnSync("git", [...PLAIN, ...args], { cwd, env: gitEnv(), encoding: "utf8", maxBuffer: 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  return result.status === 0 ? result.stdout.trim() : null;
}
function revisionRefusal(revision) {
  if (revision === "") return "it is empty";
  if (revision.startsWith("-")) return "it starts with '-' (a revision is never an option)";
  if (/[\s\x00-\x1f\x7f]/.test(revision)) return "it holds whitespace or a control character";
  return null;
}
function repositoryTop(cwd) {
  return gitOutput(cwd, ["rev-parse", "--show-toplevel"]);
}
function revisionArgs(revisions) {
  return revisions.length === 0 ? ["--all"] : ["--end-of-options", ...revisions];
}
async function* nulTokens(stream) {
  let pending = [];
  for await (const chunk of stream) {
    let start = 0;
    for (let nul = chunk.indexOf(0, start); nul >= 0; nul = chunk.indexOf(0, start)) {
      pending.push(chunk.subarray(start, nul));
      yield Buffer.concat(pending).toString("utf8");
      pending = [];
      start = nul + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString("utf8");
}
function stderrOf(stream) {
  let text = "";
  stream?.on("data", (chunk) => {
    if (text.length < 4096) text += chunk.toString("utf8");
  });
  return () => text.trim().split("\n")[0] ?? "";
}
async function* logCommits(cwd, revisions) {
  const child = spawn(
    "git",
    [
      ...PLAIN,
      "log",
      "--reverse",
      "--topo-order",
      `--format=${COMMIT_MARK}%H %P${DATE_MARK}%aI`,
      "--raw",
      "-z",
      "--no-abbrev",
      "--no-renames",
      "--root",
      "--diff-merges=first-parent",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      ...revisionArgs(revisions),
      "--"
    ],
    { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "pipe"] }
  );
  const stderr = stderrOf(child.stderr);
  const exited = new Promise((resolveExit) => child.on("close", (code2) => {
    resolveExit(code2 ?? 1);
  }));
  let commit = null;
  let meta = null;
  for await (const raw of nulTokens(child.stdout)) {
    if (meta !== null) {
      const [, mode = "", , blob = "", status = ""] = meta.slice(1).split(" ");
      commit?.changes.push({ status: status.charAt(0), mode, blob, path: raw });
      meta = null;
      continue;
    }
    const token = raw.replace(/^\n+/, "");
    if (token.startsWith(COMMIT_MARK)) {
      if (commit) yield commit;
      const [ids = "", date = ""] = token.slice(1).split(DATE_MARK);
      const [sha = "", ...parents] = ids.trim().split(" ").filter((s) => s !== "");
      commit = { sha, parents, date, changes: [] };
    } else if (token.startsWith(":")) meta = token;
  }
  if (commit) yield commit;
  const code = await exited;
  if (code !== 0) throw new GitError(`git log failed: ${stderr() || `exit code ${String(code)}`}`);
}
async function firstParentChildCounts(cwd, revisions) {
  const child = spawn("git", [...PLAIN, "rev-list", "--parents", ...revisionArgs(revisions), "--"], { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "ignore"] });
  const counts = /* @__PURE__ */ new Map();
  for await (const line of createInterface({ input: child.stdout })) {
    const first = line.split(" ")[1];
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
}
async function listTree(cwd, commit) {
  const child = spawn("git", [...PLAIN, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit], { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const stderr = stderrOf(child.stderr);
  const exited = new Promise((resolveExit) => child.on("close", (code2) => {
    resolveExit(code2 ?? 1);
  }));
  const entries = [];
  for await (const token of nulTokens(child.stdout)) {
    const tab = token.indexOf("	");
    if (tab < 0) continue;
    const [mode = "", type = "", blob = ""] = token.slice(0, tab).split(" ");
    entries.push({ mode, type, blob, path: token.slice(tab + 1) });
  }
  const code = await exited;
  if (code !== 0) throw new GitError(`git ls-tree failed: ${stderr() || `exit code ${String(code)}`}`);
  return entries;
}
var CatFile = class {
  constructor(cwd, mode, maxBytes) {
    this.cwd = cwd;
    this.mode = mode;
    this.maxBytes = maxBytes;
    this.start();
  }
  cwd;
  mode;
  maxBytes;
  child;
  input;
  buffer = Buffer.alloc(0);
  /** Requests sent or about to be, answered in this order: the object asked and its promise. */
  waiting = [];
  /** The object being received: its header, what is kept of it, and how much is still to come. */
  current = null;
  failed = null;
  closed = false;
  outgoing = [];
  start() {
    const child = spawn("git", [...PLAIN, "cat-file", this.mode], { cwd: this.cwd, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.input = child.stdin;
    this.buffer = Buffer.alloc(0);
    this.current = null;
    const stderr = stderrOf(child.stderr);
    child.stdout.on("data", (chunk) => {
      if (this.child === child) this.receive(chunk);
    });
    child.on("close", () => {
      if (this.child === child) this.ended(stderr());
    });
    child.on("error", (error) => {
      this.fail(new GitError(`git cat-file: ${error.message}`));
    });
    this.input.on("error", (error) => {
      if (this.child === child) this.fail(new GitError(`git cat-file: ${error.message}`));
    });
  }
  /**
   * git ends cat-file at an object a partial clone does not hold (it may not fetch it: lazy
   * fetching and every transport are off). The request being answered is that object: it is
   * missing, and a new process takes the requests after it.
   */
  ended(stderr) {
    if (this.closed && this.waiting.length === 0) return;
    const first = this.waiting[0];
    if (first && /promisor|lazy fetch|transport .* not allowed/i.test(stderr)) {
      this.waiting.shift();
      first.resolve(null);
      this.start();
      const again = this.waiting.map((w) => w.object);
      if (again.length > 0) this.input.write(`${again.join("\n")}
`);
      this.outgoing.length = 0;
      if (this.closed) this.input.end();
      return;
    }
    this.fail(new GitError(`git cat-file ended early${stderr ? `: ${stderr}` : ""}`));
  }
  ask(object) {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolveAnswer, reject) => {
      this.waiting.push({ object, resolve: resolveAnswer, reject });
      if (this.outgoing.length === 0) setImmediate(() => {
        this.flush();
      });
      this.outgoing.push(object);
    });
  }
  flush() {
    if (this.outgoing.length === 0 || this.failed) return;
    this.input.write(`${this.outgoing.join("\n")}
`);
    this.outgoing.length = 0;
  }
  close() {
    this.closed = true;
    this.input.end();
  }
  /** The first failure sticks: it rejects the requests waiting now and every request after. */
  fail(error) {
    this.failed ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
  receive(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (; ; ) {
      if (this.current) {
        const take = Math.min(this.current.left, this.buffer.length);
        if (this.current.keep) this.current.parts.push(this.buffer.subarray(0, take));
        this.current.left -= take;
        this.buffer = this.buffer.subarray(take);
        if (this.current.left > 0) return;
        if (this.buffer.length === 0) return;
        this.buffer = this.buffer.subarray(1);
        const done = this.current;
        this.current = null;
        this.waiting.shift()?.resolve({ type: done.type, size: done.size, ...done.keep ? { bytes: Buffer.concat(done.parts) } : {} });
        continue;
      }
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString("utf8");
      this.buffer = this.buffer.subarray(newline + 1);
      const [, type = "", sizeText = ""] = header.split(" ");
      if (type === "missing" || type === "ambiguous" || !/^\d+$/.test(sizeText)) {
        this.waiting.shift()?.resolve(null);
        continue;
      }
      const size = Number(sizeText);
      if (this.mode === "--batch-check") this.waiting.shift()?.resolve({ type, size });
      else this.current = { type, size, keep: type === "blob" && size <= this.maxBytes, parts: [], left: size };
    }
  }
};
var BlobReader = class {
  constructor(cwd, maxBytes) {
    this.maxBytes = maxBytes;
    this.check = new CatFile(cwd, "--batch-check", maxBytes);
    this.contents = new CatFile(cwd, "--batch", maxBytes);
  }
  maxBytes;
  check;
  contents;
  async read(blob) {
    if (!/^[0-9a-f]{40,64}$/.test(blob)) return { skipped: "missing", size: 0 };
    const info = await this.check.ask(blob);
    if (info?.type !== "blob") return { skipped: "missing", size: 0 };
    if (info.size > this.maxBytes) return { skipped: "too-large", size: info.size };
    const answer = await this.contents.ask(blob);
    if (answer?.bytes === void 0) return answer ? { skipped: "too-large", size: answer.size } : { skipped: "missing", size: 0 };
    return { bytes: answer.bytes };
  }
  close() {
    this.check.close();
    this.contents.close();
  }
};

// src/engine/history.ts
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
  const noteNotLinted = (commit, order, path, blob, reason, range = null) => {
    const key = versionKey(blob, path);
    if (!notLinted.has(key)) notLinted.set(key, { commit, order, path, reason, at: range });
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
        noteNotLinted(commit, order, path, blob, `Parsing error: ${(error?.message ?? "syntax error").replace(/\.$/, "")}; the other rules did not run on this version`, error ? fatalMessage("", error.range) : null);
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
    const base = version.at ?? fatalMessage("", null);
    return makeResult(join(top, version.path), [{ ...base, ...fatalMessage(`${version.reason}. ${where}`, null), line: base.line, column: base.column, endLine: base.endLine, endColumn: base.endColumn, messageId: UNREADABLE }]);
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
