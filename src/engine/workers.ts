import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker as WorkerThread } from "node:worker_threads";
import { type FolderClaim, type FolderOptions, type FolderRun, lintFolders } from "./folders.js";
import type { LintResult, Timings } from "./results.js";
import { loadWorkerThreads } from "./lazy-builtins.js";
import { packageRoot } from "./paths.js";

/**
 * Lints folders in this thread and `threads - 1` worker threads. All of them take the next folder
 * from one shared counter (`Atomics.add` on a SharedArrayBuffer), so a thread that drew small
 * folders simply takes more, and this thread starts linting while the workers are still loading.
 * Results are keyed by folder; the caller reassembles them in folder order, so the output is the
 * same as a single-threaded run.
 */
interface WorkerReply {
  readonly folders: [string, LintResult[], readonly string[]][];
  readonly timings: [string, number][];
  readonly secrets: [string, readonly string[]][];
  readonly unreadableCount: number;
  readonly error?: string;
}

export interface WorkerData {
  readonly folders: readonly (readonly [string, readonly string[]])[];
  readonly options: FolderOptions;
  /** One Int32: the index of the next folder to take. */
  readonly counter: SharedArrayBuffer;
}

/**
 * The worker beside this code when it is bundled (the action's `action/dist/`), else the CLI's
 * bundled worker (scripts/bundle.ts), else the compiled one; none when running from sources.
 */
function workerScript(): string | null {
  const root = packageRoot();
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "worker.js"), join(root, "dist", "bundle", "worker.js"), join(root, "dist", "src", "engine", "worker.js")];
  return candidates.find((script) => existsSync(script)) ?? null;
}

/** The claim threads share: each call takes the next folder index for the calling thread. */
export function sharedClaim(counter: SharedArrayBuffer, count: number): FolderClaim {
  const next = new Int32Array(counter);
  return () => {
    const index = Atomics.add(next, 0, 1);
    return index < count ? index : -1;
  };
}

/**
 * A worker's young generation. A folder's syntax trees and model die young and small; V8's default
 * (up to 48 MB here) only lets garbage pile up. Measured on the corpus with two threads: peak RSS
 * 194 -> 168 MB, and no slower (fewer pages to touch).
 */
const WORKER_YOUNG_GENERATION_MB = 16;

function runWorker(Worker: typeof WorkerThread, script: string, data: WorkerData): Promise<WorkerReply> {
  return new Promise<WorkerReply>((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    let replied = false;
    worker.once("message", (reply: WorkerReply) => {
      replied = true;
      resolvePromise(reply);
      void worker.terminate();
    });
    worker.once("error", reject);
    // a worker that stops without a word (killed, out of memory) must end the wait, not hang it:
    // lintInWorkers then lints its folders here
    worker.once("exit", (code) => {
      if (!replied) reject(new Error(`a worker thread stopped (exit code ${String(code)}) before it finished its folders`));
    });
  });
}

/**
 * Lints `folders` in this thread and `threads - 1` workers. A worker that fails or stops early does
 * not lose its folders: whatever no thread finished is linted here afterwards, so the run ends as a
 * single-threaded one would (with the same result, or the same error).
 */
export async function lintInWorkers(
  folders: readonly [string, string[]][],
  options: FolderOptions,
  threads: number,
  onFolder: (dir: string, results: LintResult[], dependencies: readonly string[]) => void,
  script: string | null = workerScript(),
): Promise<FolderRun> {
  // running from sources (tests): no compiled worker, so lint here
  if (!script) return lintFolders(folders, options, onFolder);
  const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  // a function cannot be sent to a worker: debug lines come from this thread's folders
  const sendable: FolderOptions = { ...options };
  delete (sendable as { onDebug?: unknown }).onDebug;
  const data: WorkerData = { folders, options: sendable, counter };
  // loaded here, not at start-up: most runs (one folder, a pre-commit's few files) use no worker
  const { Worker } = loadWorkerThreads();
  const workers = Array.from({ length: threads - 1 }, () => runWorker(Worker, script, data));
  const byDir = new Map<string, LintResult[]>();
  const finished = (dir: string, results: LintResult[], dependencies: readonly string[]): void => {
    byDir.set(dir, results);
    onFolder(dir, results, dependencies);
  };
  const runs: FolderRun[] = [await lintFolders(folders, options, finished, sharedClaim(counter, folders.length))];
  for (const outcome of await Promise.allSettled(workers)) {
    const reply = outcome.status === "fulfilled" ? outcome.value : null;
    if (!reply || reply.error) continue;
    for (const [dir, results, dependencies] of reply.folders) finished(dir, results, dependencies);
    runs.push({ results: [], timings: new Map(reply.timings), secretsByFile: new Map(reply.secrets), unreadableCount: reply.unreadableCount });
  }
  const missing = folders.filter(([dir]) => !byDir.has(dir));
  if (missing.length > 0) runs.push(await lintFolders(missing, options, finished));
  const timings: Timings = new Map();
  const secretsByFile = new Map<string, readonly string[]>();
  let unreadableCount = 0;
  for (const run of runs) {
    for (const [key, ms] of run.timings) timings.set(key, (timings.get(key) ?? 0) + ms);
    for (const [path, secrets] of run.secretsByFile) secretsByFile.set(path, secrets);
    unreadableCount += run.unreadableCount;
  }
  return { results: folders.flatMap(([dir]) => byDir.get(dir) ?? []), timings, secretsByFile, unreadableCount };
}
