import { createRequire } from "node:module";

/**
 * Node built-ins that most runs never use, loaded on first use rather than at start: importing
 * `node:crypto` costs ~5 ms of every start (measured in a fresh process), and only caches,
 * baselines and SARIF fingerprints hash anything.
 */
const require = createRequire(import.meta.url);

let crypto: typeof import("node:crypto") | undefined;

export function loadCrypto(): typeof import("node:crypto") {
  crypto ??= require("node:crypto") as typeof import("node:crypto");
  return crypto;
}

let v8: typeof import("node:v8") | undefined;

/** `node:v8`, to set a flag for a large run (cli/v8-tuning.ts) or read the heap's size: ~3 ms to load. */
export function loadV8(): typeof import("node:v8") {
  v8 ??= require("node:v8") as typeof import("node:v8");
  return v8;
}

let vm: typeof import("node:vm") | undefined;

/** `node:v8` and `node:vm`, for the collection between folders (engine/heap.ts). */
export function loadV8AndVm(): { v8: typeof import("node:v8"); vm: typeof import("node:vm") } {
  vm ??= require("node:vm") as typeof import("node:vm");
  return { v8: loadV8(), vm };
}

let workerThreads: typeof import("node:worker_threads") | undefined;

/** `node:worker_threads`, for runs large enough to lint in several threads (engine/workers.ts). */
export function loadWorkerThreads(): typeof import("node:worker_threads") {
  workerThreads ??= require("node:worker_threads") as typeof import("node:worker_threads");
  return workerThreads;
}
