import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);
import {
  sharedClaim
} from "./chunk-OE66LPQM.js";
import {
  lintFolders
} from "./chunk-UMXLXBLB.js";
import "./chunk-4RXEXYZ5.js";

// src/engine/worker.ts
import { parentPort, workerData } from "node:worker_threads";
async function work() {
  const { folders, options, counter } = workerData;
  const done = [];
  try {
    const run = await lintFolders(folders, options, (dir, results, dependencies) => done.push([dir, results, dependencies]), sharedClaim(counter, folders.length));
    parentPort?.postMessage({ folders: done, timings: [...run.timings], secrets: [...run.secretsByFile], unreadableCount: run.unreadableCount });
  } catch (error) {
    parentPort?.postMessage({ folders: [], timings: [], secrets: [], unreadableCount: 0, error: error instanceof Error ? error.message : String(error) });
  }
}
void work();
