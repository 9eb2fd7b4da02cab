import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);
import {
  lintFolders,
  loadWorkerThreads,
  packageRoot
} from "./chunk-UMXLXBLB.js";

// src/engine/workers.ts
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function workerScript() {
  const root = packageRoot();
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "worker.js"), join(root, "dist", "bundle", "worker.js"), join(root, "dist", "src", "engine", "worker.js")];
  return candidates.find((script) => existsSync(script)) ?? null;
}
function sharedClaim(counter, count) {
  const next = new Int32Array(counter);
  return () => {
    const index = Atomics.add(next, 0, 1);
    return index < count ? index : -1;
  };
}
var WORKER_YOUNG_GENERATION_MB = 16;
function runWorker(Worker, script, data) {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    let replied = false;
    worker.once("message", (reply) => {
      replied = true;
      resolvePromise(reply);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!replied) reject(new Error(`a worker thread stopped (exit code ${String(code)}) before it finished its folders`));
    });
  });
}
async function lintInWorkers(folders, options, threads, onFolder, script = workerScript()) {
  if (!script) return lintFolders(folders, options, onFolder);
  const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const sendable = { ...options };
  delete sendable.onDebug;
  const data = { folders, options: sendable, counter };
  const { Worker } = loadWorkerThreads();
  const workers = Array.from({ length: threads - 1 }, () => runWorker(Worker, script, data));
  const byDir = /* @__PURE__ */ new Map();
  const finished = (dir, results, dependencies) => {
    byDir.set(dir, results);
    onFolder(dir, results, dependencies);
  };
  const runs = [await lintFolders(folders, options, finished, sharedClaim(counter, folders.length))];
  for (const outcome of await Promise.allSettled(workers)) {
    const reply = outcome.status === "fulfilled" ? outcome.value : null;
    if (!reply || reply.error) continue;
    for (const [dir, results, dependencies] of reply.folders) finished(dir, results, dependencies);
    runs.push({ results: [], timings: new Map(reply.timings), secretsByFile: new Map(reply.secrets), unreadableCount: reply.unreadableCount });
  }
  const missing = folders.filter(([dir]) => !byDir.has(dir));
  if (missing.length > 0) runs.push(await lintFolders(missing, options, finished));
  const timings = /* @__PURE__ */ new Map();
  const secretsByFile = /* @__PURE__ */ new Map();
  let unreadableCount = 0;
  for (const run of runs) {
    for (const [key, ms] of run.timings) timings.set(key, (timings.get(key) ?? 0) + ms);
    for (const [path, secrets] of run.secretsByFile) secretsByFile.set(path, secrets);
    unreadableCount += run.unreadableCount;
  }
  return { results: folders.flatMap(([dir]) => byDir.get(dir) ?? []), timings, secretsByFile, unreadableCount };
}

export {
  sharedClaim,
  lintInWorkers
};
