import { parentPort, workerData } from "node:worker_threads";
import { type FolderOptions, lintFolders, type LintResult } from "./linter.js";

/** A worker thread: lints the folders it is given and posts the results back. */
const { folders, options } = workerData as { folders: [string, string[]][]; options: FolderOptions };
const done: [string, LintResult[]][] = [];
try {
  const run = await lintFolders(folders, options, (dir, results) => done.push([dir, results]));
  parentPort?.postMessage({ folders: done, timings: [...run.timings], secrets: [...run.secretsByFile], unreadableCount: run.unreadableCount });
} catch (error) {
  parentPort?.postMessage({ folders: [], timings: [], secrets: [], unreadableCount: 0, error: error instanceof Error ? error.message : String(error) });
}
