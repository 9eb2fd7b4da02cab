import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

/**
 * The real `git`, spawned and streamed: commits from `git log --raw -z`, trees from `git ls-tree -z`,
 * blobs from one `git cat-file --batch` process. Nothing here holds more than one commit's changes or
 * one blob at a time; nothing re-implements git.
 *
 * Paths come NUL-terminated (`-z`), so a file name holding a newline, a quote or a control character
 * is read as it is, never as a separator.
 */

export class GitError extends Error {}

/** A change of one path in a commit, against its first parent (`--diff-merges=first-parent`). */
export interface GitChange {
  /** `A`dded, `M`odified, `D`eleted, `T`ype changed (renames come as D + A: `--no-renames`). */
  readonly status: string;
  /** The new file mode (`100644`, `100755`; `120000` a symlink, `160000` a submodule). */
  readonly mode: string;
  /** The new blob (all zeros when deleted). */
  readonly blob: string;
  readonly path: string;
}

export interface GitCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Author date, strict ISO 8601. */
  readonly date: string;
  readonly changes: GitChange[];
}

export interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly blob: string;
  readonly path: string;
}

const COMMIT_MARK = "\x1e";
const DATE_MARK = "\x1f";
/**
 * Settings that make git's output predictable whatever the user's or the repository's configuration
 * says, and that keep git from running anything or reaching anything (the repository is the
 * attacker's: its `.git/config` can declare a partial clone whose missing blobs git would fetch
 * lazily, running `remote.<name>.uploadpack` or `core.sshCommand`):
 * - every transport is off (`protocol.allow=never`), so a lazy fetch fails before any program runs;
 * - no pager, no external diff, no textconv, no fsmonitor, no hooks, no signature check;
 * - replace refs and grafts are ignored (`--no-replace-objects`, no graft file): they would swap a
 *   secret commit or blob for a clean one;
 * - settings that change what log lists are pinned on the command line (`--root`, `--no-renames`,
 *   `diff.relative=false`, ...): `log.showRoot=false` would hide a secret added in a root commit.
 */
const PLAIN = [
  "--no-pager",
  "--no-replace-objects",
  "-c", "protocol.allow=never",
  "-c", "core.fsmonitor=false",
  "-c", "core.hooksPath=/dev/null",
  "-c", "core.useReplaceRefs=false",
  "-c", "core.quotePath=false",
  "-c", "diff.external=",
  "-c", "diff.relative=false",
  "-c", "log.showSignature=false",
  "-c", "log.showRoot=true",
];

/** git's environment: the caller's, with lazy fetching, prompts, replace refs and grafts off. */
export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
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
    GIT_OPTIONAL_LOCKS: "0",
  };
}

/** Runs a short git command (rev-parse, remote); null when it fails. Bounded output. */
export function gitOutput(cwd: string, args: readonly string[]): string | null {
  const result = spawnSync("git", [...PLAIN, ...args], { cwd, env: gitEnv(), encoding: "utf8", maxBuffer: 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * Whether a revision may be passed to git: never an option (`--output=FILE` writes a file,
 * `--max-count=0` empties the scan), no whitespace or control characters. Null when it may, else why not.
 */
export function revisionRefusal(revision: string): string | null {
  if (revision === "") return "it is empty";
  if (revision.startsWith("-")) return "it starts with '-' (a revision is never an option)";
  if (/[\s\x00-\x1f\x7f]/.test(revision)) return "it holds whitespace or a control character";
  return null;
}

/** A short git command's NUL-separated output (`ls-files -z`); empty when it fails. Bounded output. */
export function gitNulList(cwd: string, args: readonly string[]): string[] {
  const result = spawnSync("git", [...PLAIN, ...args], { cwd, env: gitEnv(), encoding: "utf8", maxBuffer: 16 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  return result.status === 0 ? result.stdout.split("\0").filter((entry) => entry !== "") : [];
}

/** The top of the work tree holding `cwd`, or null outside a git repository. */
export function repositoryTop(cwd: string): string | null {
  return gitOutput(cwd, ["rev-parse", "--show-toplevel"]);
}

/**
 * Revisions after `--end-of-options`, so that none is read as an option; `--all` (every reachable
 * commit) is the one option passed, for an empty list. Callers refuse revisions starting with '-'
 * too (revisionRefusal): git before 2.24 has no --end-of-options.
 */
function revisionArgs(revisions: readonly string[]): string[] {
  return revisions.length === 0 ? ["--all"] : ["--end-of-options", ...revisions];
}

/** Yields the NUL-terminated tokens of a stream, one at a time. */
async function* nulTokens(stream: Readable): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
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

/** Collects a process's stderr (its first 4 KB) for an error message. */
function stderrOf(stream: Readable | null): () => string {
  let text = "";
  stream?.on("data", (chunk: Buffer) => {
    if (text.length < 4096) text += chunk.toString("utf8");
  });
  return () => text.trim().split("\n")[0] ?? "";
}

/**
 * Commits oldest first (`--reverse --topo-order`: every parent before its children), each with its
 * changes against its first parent. `revisions` are git's: `["--all"]`, `["main..HEAD"]`.
 */
export async function* logCommits(cwd: string, revisions: readonly string[]): AsyncGenerator<GitCommit> {
  const child = spawn(
    "git",
    [
      ...PLAIN, "log", "--reverse", "--topo-order", `--format=${COMMIT_MARK}%H %P${DATE_MARK}%aI`, "--raw", "-z", "--no-abbrev", "--no-renames", "--root",
      "--diff-merges=first-parent", "--no-color", "--no-ext-diff", "--no-textconv",
      ...revisionArgs(revisions), "--",
    ],
    { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  const stderr = stderrOf(child.stderr);
  const exited = new Promise<number>((resolveExit) => child.on("close", (code) => { resolveExit(code ?? 1); }));
  let commit: GitCommit | null = null;
  // a raw entry's metadata token is followed by exactly one path token, whatever bytes it holds
  let meta: string | null = null;
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

/**
 * How many commits in `revisions` name each commit as their first parent (`git rev-list
 * --parents`). A revision git rejects gives no counts here; logCommits reports it.
 */
export async function firstParentChildCounts(cwd: string, revisions: readonly string[]): Promise<Map<string, number>> {
  const child = spawn("git", [...PLAIN, "rev-list", "--parents", ...revisionArgs(revisions), "--"], { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "ignore"] });
  const counts = new Map<string, number>();
  for await (const line of createInterface({ input: child.stdout })) {
    const first = line.split(" ")[1];
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
}

/** The files of a commit's tree (`git ls-tree -r`), for the state before a range starts. */
export async function listTree(cwd: string, commit: string): Promise<TreeEntry[]> {
  const child = spawn("git", [...PLAIN, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit], { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const stderr = stderrOf(child.stderr);
  const exited = new Promise<number>((resolveExit) => child.on("close", (code) => { resolveExit(code ?? 1); }));
  const entries: TreeEntry[] = [];
  for await (const token of nulTokens(child.stdout)) {
    const tab = token.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", type = "", blob = ""] = token.slice(0, tab).split(" ");
    entries.push({ mode, type, blob, path: token.slice(tab + 1) });
  }
  const code = await exited;
  if (code !== 0) throw new GitError(`git ls-tree failed: ${stderr() || `exit code ${String(code)}`}`);
  return entries;
}

/** A blob's bytes, or why they were not read. */
export type BlobRead = { readonly bytes: Buffer } | { readonly skipped: "missing" | "too-large"; readonly size: number };

/** An object's header from `git cat-file`: its type and size, or null when it is not in this clone. */
type ObjectAnswer = { readonly type: string; readonly size: number; readonly bytes?: Buffer } | null;

/**
 * One `git cat-file` process answering requests in order: `--batch-check` (headers only) or
 * `--batch` (headers and content). A content over `maxBytes` is read off the pipe and dropped,
 * never held: memory stays at one blob.
 */
class CatFile {
  private child!: ChildProcessWithoutNullStreams;
  private input!: Writable;
  private buffer: Buffer = Buffer.alloc(0);
  /** Requests sent or about to be, answered in this order: the object asked and its promise. */
  private readonly waiting: { object: string; resolve: (answer: ObjectAnswer) => void; reject: (error: Error) => void }[] = [];
  /** The object being received: its header, what is kept of it, and how much is still to come. */
  private current: { type: string; size: number; keep: boolean; parts: Buffer[]; left: number } | null = null;
  private failed: Error | null = null;
  private closed = false;
  private readonly outgoing: string[] = [];
  /** Content bytes that came through the pipe (kept or dropped). */
  streamed = 0;

  constructor(
    private readonly cwd: string,
    private readonly mode: "--batch-check" | "--batch",
    private readonly maxBytes: number,
  ) {
    this.start();
  }

  private start(): void {
    const child = spawn("git", [...PLAIN, "cat-file", this.mode], { cwd: this.cwd, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.input = child.stdin;
    this.buffer = Buffer.alloc(0);
    this.current = null;
    const stderr = stderrOf(child.stderr);
    child.stdout.on("data", (chunk: Buffer) => { if (this.child === child) this.receive(chunk); });
    child.on("close", () => { if (this.child === child) this.ended(stderr()); });
    child.on("error", (error) => { this.fail(new GitError(`git cat-file: ${error.message}`)); });
    this.input.on("error", (error) => { if (this.child === child) this.fail(new GitError(`git cat-file: ${error.message}`)); });
  }

  /**
   * git ends cat-file at an object a partial clone does not hold (it may not fetch it: lazy
   * fetching and every transport are off). The request being answered is that object: it is
   * missing, and a new process takes the requests after it.
   */
  private ended(stderr: string): void {
    if (this.closed && this.waiting.length === 0) return;
    const first = this.waiting[0];
    if (first && /promisor|lazy fetch|transport .* not allowed/i.test(stderr)) {
      this.waiting.shift();
      first.resolve(null);
      this.start();
      const again = this.waiting.map((w) => w.object);
      if (again.length > 0) this.input.write(`${again.join("\n")}\n`);
      this.outgoing.length = 0;
      if (this.closed) this.input.end();
      return;
    }
    this.fail(new GitError(`git cat-file ended early${stderr ? `: ${stderr}` : ""}`));
  }

  ask(object: string): Promise<ObjectAnswer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolveAnswer, reject) => {
      this.waiting.push({ object, resolve: resolveAnswer, reject });
      // requests made together go out in one write (a write per blob was a system call per blob)
      if (this.outgoing.length === 0) setImmediate(() => { this.flush(); });
      this.outgoing.push(object);
    });
  }

  private flush(): void {
    if (this.outgoing.length === 0 || this.failed) return;
    this.input.write(`${this.outgoing.join("\n")}\n`);
    this.outgoing.length = 0;
  }

  close(): void {
    this.closed = true;
    this.input.end();
  }

  /** The first failure sticks: it rejects the requests waiting now and every request after. */
  private fail(error: Error): void {
    this.failed ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.current) {
        const take = Math.min(this.current.left, this.buffer.length);
        this.streamed += take;
        if (this.current.keep) this.current.parts.push(this.buffer.subarray(0, take));
        this.current.left -= take;
        this.buffer = this.buffer.subarray(take);
        if (this.current.left > 0) return;
        // every object's content is followed by one newline
        if (this.buffer.length === 0) return;
        this.buffer = this.buffer.subarray(1);
        const done = this.current;
        this.current = null;
        this.waiting.shift()?.resolve({ type: done.type, size: done.size, ...(done.keep ? { bytes: Buffer.concat(done.parts) } : {}) });
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
}

/**
 * Blob reads for history: each blob's size is asked first (`--batch-check`), and only a blob within
 * `maxBytes` is asked for its content (`--batch`), so an over-limit blob is never inflated (a small
 * pack of highly compressible blobs would otherwise stream gigabytes through the pipe). A blob that
 * is not in this clone (a partial clone's missing blob: git is never allowed to fetch it) is
 * "missing".
 */
export class BlobReader {
  private readonly check: CatFile;
  private readonly contents: CatFile;

  constructor(cwd: string, private readonly maxBytes: number) {
    this.check = new CatFile(cwd, "--batch-check", maxBytes);
    this.contents = new CatFile(cwd, "--batch", maxBytes);
  }

  async read(blob: string): Promise<BlobRead> {
    if (!/^[0-9a-f]{40,64}$/.test(blob)) return { skipped: "missing", size: 0 };
    const info = await this.check.ask(blob);
    if (info?.type !== "blob") return { skipped: "missing", size: 0 };
    if (info.size > this.maxBytes) return { skipped: "too-large", size: info.size };
    const answer = await this.contents.ask(blob);
    if (answer?.bytes === undefined) return answer ? { skipped: "too-large", size: answer.size } : { skipped: "missing", size: 0 };
    return { bytes: answer.bytes };
  }

  /** Content bytes git streamed for this reader: an over-limit blob adds nothing. */
  get streamedBytes(): number {
    return this.contents.streamed;
  }

  close(): void {
    this.check.close();
    this.contents.close();
  }
}
