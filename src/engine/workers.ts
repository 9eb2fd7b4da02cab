import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { FolderOptions, FolderRun, LintResult, Timings } from "./linter.js";
import { packageRoot } from "./paths.js";

/**
 * Lints folders in worker threads. Folders are dealt out round-robin (neighbouring folders are
 * often alike in size); each worker parses and analyses its folders and sends back plain results.
 * The caller reassembles them in folder order, so the output is the same as a single-threaded run.
 */
interface WorkerReply {
  readonly folders: [string, LintResult[]][];
  readonly timings: [string, number][];
  readonly secrets: [string, readonly string[]][];
  readonly unreadableCount: number;
  readonly error?: string;
}

function workerScript(): string | null {
  const script = join(packageRoot(), "dist", "src", "engine", "worker.js");
  return existsSync(script) ? script : null;
}

export async function lintInWorkers(
  folders: readonly [string, string[]][],
  options: FolderOptions,
  threads: number,
  onFolder: (dir: string, results: LintResult[]) => void,
): Promise<FolderRun> {
  const script = workerScript();
  if (!script) {
    // running from sources (tests): no compiled worker, so lint here
    const { lintFolders } = await import("./linter.js");
    return lintFolders(folders, options, onFolder);
  }
  const chunks: [string, string[]][][] = Array.from({ length: threads }, () => []);
  folders.forEach((folder, i) => chunks[i % threads]?.push(folder));
  const replies = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<WorkerReply>((resolvePromise, reject) => {
          const worker = new Worker(script, { workerData: { folders: chunk, options } });
          worker.once("message", (reply: WorkerReply) => {
            resolvePromise(reply);
            void worker.terminate();
          });
          worker.once("error", reject);
        }),
    ),
  );
  const timings: Timings = new Map();
  const secretsByFile = new Map<string, readonly string[]>();
  const results: LintResult[] = [];
  let unreadableCount = 0;
  for (const reply of replies) {
    if (reply.error) throw new Error(reply.error);
    for (const [dir, folderResults] of reply.folders) {
      results.push(...folderResults);
      onFolder(dir, folderResults);
    }
    for (const [key, ms] of reply.timings) timings.set(key, (timings.get(key) ?? 0) + ms);
    for (const [path, secrets] of reply.secrets) secretsByFile.set(path, secrets);
    unreadableCount += reply.unreadableCount;
  }
  return { results, timings, secretsByFile, unreadableCount };
}
