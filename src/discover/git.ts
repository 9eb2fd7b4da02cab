import { spawn, spawnSync } from "node:child_process";
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
/** Settings that make git's output predictable whatever the user's configuration says. */
const PLAIN = ["-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "diff.external=", "--no-pager"];

/** Runs a short git command (rev-parse, remote); null when it fails. Bounded output. */
export function gitOutput(cwd: string, args: readonly string[]): string | null {
  const result = spawnSync("git", [...PLAIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The top of the work tree holding `cwd`, or null outside a git repository. */
export function repositoryTop(cwd: string): string | null {
  return gitOutput(cwd, ["rev-parse", "--show-toplevel"]);
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
    [...PLAIN, "log", "--reverse", "--topo-order", `--format=${COMMIT_MARK}%H %P${DATE_MARK}%aI`, "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-merges=first-parent", "--no-color", ...revisions, "--"],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
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
  const child = spawn("git", [...PLAIN, "rev-list", "--parents", ...revisions, "--"], { cwd, stdio: ["ignore", "pipe", "ignore"] });
  const counts = new Map<string, number>();
  for await (const line of createInterface({ input: child.stdout })) {
    const first = line.split(" ")[1];
    if (first) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
}

/** The files of a commit's tree (`git ls-tree -r`), for the state before a range starts. */
export async function listTree(cwd: string, commit: string): Promise<TreeEntry[]> {
  const child = spawn("git", [...PLAIN, "ls-tree", "-r", "-z", "--full-tree", commit], { cwd, stdio: ["ignore", "pipe", "pipe"] });
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

/**
 * One `git cat-file --batch` process answering blob reads in order. A blob over `maxBytes` is read
 * off the pipe and dropped, never held: memory stays at one blob.
 */
export class BlobReader {
  private readonly child;
  private readonly input: Writable;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: { resolve: (read: BlobRead) => void; reject: (error: Error) => void }[] = [];
  /** The blob being received: its size, what is kept of it, and how much is still to come. */
  private current: { size: number; keep: boolean; parts: Buffer[]; left: number } | null = null;
  private failed: Error | null = null;

  constructor(
    cwd: string,
    private readonly maxBytes: number,
  ) {
    this.child = spawn("git", [...PLAIN, "cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.input = this.child.stdin;
    const stderr = stderrOf(this.child.stderr);
    this.child.stdout.on("data", (chunk: Buffer) => { this.receive(chunk); });
    this.child.on("close", () => { this.fail(new GitError(`git cat-file ended early${stderr() ? `: ${stderr()}` : ""}`)); });
    this.child.on("error", (error) => { this.fail(new GitError(`git cat-file: ${error.message}`)); });
    this.input.on("error", (error) => { this.fail(new GitError(`git cat-file: ${error.message}`)); });
  }

  read(blob: string): Promise<BlobRead> {
    if (this.failed) return Promise.reject(this.failed);
    if (!/^[0-9a-f]{40,64}$/.test(blob)) return Promise.resolve({ skipped: "missing", size: 0 });
    return new Promise((resolveRead, reject) => {
      this.waiting.push({ resolve: resolveRead, reject });
      // requests made together go out in one write (a write per blob was a system call per blob)
      if (this.outgoing.length === 0) setImmediate(() => { this.flush(); });
      this.outgoing.push(blob);
    });
  }

  private readonly outgoing: string[] = [];

  private flush(): void {
    if (this.outgoing.length === 0) return;
    this.input.write(`${this.outgoing.join("\n")}\n`);
    this.outgoing.length = 0;
  }

  close(): void {
    this.input.end();
  }

  /** The first failure sticks: it rejects the reads waiting now and every read after. */
  private fail(error: Error): void {
    this.failed ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.current) {
        const take = Math.min(this.current.left, this.buffer.length);
        if (this.current.keep) this.current.parts.push(this.buffer.subarray(0, take));
        this.current.left -= take;
        this.buffer = this.buffer.subarray(take);
        if (this.current.left > 0) return;
        // every blob's content is followed by one newline
        if (this.buffer.length === 0) return;
        this.buffer = this.buffer.subarray(1);
        const done = this.current;
        this.current = null;
        const waiter = this.waiting.shift();
        waiter?.resolve(done.keep ? { bytes: Buffer.concat(done.parts) } : { skipped: "too-large", size: done.size });
        continue;
      }
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString("utf8");
      this.buffer = this.buffer.subarray(newline + 1);
      const [, type = "", sizeText = ""] = header.split(" ");
      if (type === "missing" || sizeText === "") {
        this.waiting.shift()?.resolve({ skipped: "missing", size: 0 });
        continue;
      }
      const size = Number(sizeText);
      this.current = { size, keep: type === "blob" && size <= this.maxBytes, parts: [], left: size };
    }
  }
}
