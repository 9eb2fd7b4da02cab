import { parentPort, workerData } from "node:worker_threads";
import { lintFolders } from "./folders.js";
import type { LintResult } from "./results.js";
import { sharedClaim, type WorkerData } from "./workers.js";

/**
 * A worker thread: lints the folders it takes from the shared counter and posts the results back.
 * No top-level `await`: the bundled worker is a CommonJS script (scripts/bundle.ts).
 */
async function work(): Promise<void> {
  const { folders, options, counter } = workerData as WorkerData;
  const done: [string, LintResult[], readonly string[]][] = [];
  try {
    const run = await lintFolders(folders, options, (dir, results, dependencies) => done.push([dir, results, dependencies]), sharedClaim(counter, folders.length));
    parentPort?.postMessage({ folders: done, timings: [...run.timings], secrets: [...run.secretsByFile], unreadableCount: run.unreadableCount });
  } catch (error) {
    parentPort?.postMessage({ folders: [], timings: [], secrets: [], unreadableCount: 0, error: error instanceof Error ? error.message : String(error) });
  }
}

void work();
