import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byFolder, discover } from "../src/discover/discover.js";
import { resolveConfig } from "../src/engine/config.js";
import { type FolderOptions, lintFolders } from "../src/engine/folders.js";
import type { LintResult } from "../src/engine/results.js";
import { lintInWorkers } from "../src/engine/workers.js";
import { FIXTURES } from "./helpers.js";

/** Worker threads that fail must not lose folders or hang the run: this thread lints what is left. */
const folders = [...byFolder(discover(["."], { cwd: FIXTURES, ignores: [], baseDir: FIXTURES }).files)];
const options: FolderOptions = { config: resolveConfig({ cwd: FIXTURES, noConfigLookup: true }) };

function workerScript(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "csl-worker-")), "worker.mjs");
  writeFileSync(path, body);
  return path;
}

async function inWorkers(script: string): Promise<{ results: LintResult[]; reported: string[] }> {
  const reported: string[] = [];
  const run = await lintInWorkers(folders, options, 3, (dir) => reported.push(dir), script);
  return { results: run.results, reported };
}

describe("worker threads that fail", () => {
  it("have their folders linted in this thread: same results, every folder reported once", async () => {
    const single = await lintFolders(folders, options);
    expect(folders.length).toBeGreaterThan(10);
    const scripts = [
      workerScript('throw new Error("worker failed to start");\n'),
      workerScript("process.exit(3);\n"),
      workerScript('import { parentPort } from "node:worker_threads";\nparentPort.postMessage({ folders: [], timings: [], secrets: [], unreadableCount: 0, error: "broken" });\n'),
      // takes every folder still unclaimed, then dies: those folders must be linted afterwards here
      workerScript('import { workerData } from "node:worker_threads";\nAtomics.add(new Int32Array(workerData.counter), 0, 1000);\nprocess.exit(1);\n'),
    ];
    for (const script of scripts) {
      const { results, reported } = await inWorkers(script);
      expect(results).toEqual(single.results);
      expect([...reported].sort()).toEqual(folders.map(([dir]) => dir).sort());
    }
  });
});
