import { loadV8, loadV8AndVm } from "./lazy-builtins.js";

/**
 * A full garbage collection between folders, when the heap has grown past twice what the last one
 * kept (and at least HEAP_FLOOR). A folder's syntax trees and analysis live for the whole folder, so
 * V8's young generation promotes them, and its old generation then grows with dead folders until its
 * own heuristics collect it: on the corpus, 46 MB of dead models before the one full collection of
 * the run, 145 MB peak RSS. Between two folders almost nothing is live, so a collection there is
 * cheap (~10 ms) and keeps the corpus run near 80 MB. Since nothing long-lived holds a file's text
 * any more (secret-names.ts) and files are not read into 64 KB buffers (read-file.ts), it runs once
 * or twice on the corpus: 5-10 ms of a ~1 s run (TIMING=1 shows it as "heap-collection"); floors
 * of 32 and 40 MB measured no different.
 *
 * `gc` comes from a context created after `--expose-gc` is set, as Jest's leak detector does; the
 * flag changes nothing else. Where it is not available, collection is left to V8. `node:v8` and
 * `node:vm` load only once a run has linted FOLDERS_BEFORE_FIRST_LOOK folders: loading `node:v8`
 * costs ~3 ms, and a pre-commit run of a folder or two never needs it.
 */
const HEAP_FLOOR = 24 * 1024 * 1024;

/** Runs of fewer folders than this never look at the heap (and never load `node:v8`): they end before it matters. */
const FOLDERS_BEFORE_FIRST_LOOK = 16;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      const { v8, vm } = loadV8AndVm();
      v8.setFlagsFromString("--expose-gc");
      const gc: unknown = vm.runInNewContext("gc");
      collect = typeof gc === "function" ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * The bytes of live and not yet collected objects. `v8.getHeapStatistics()`, not
 * `process.memoryUsage()`: the latter also reads the process's resident set from the system on
 * every call, which profiles showed costing far more than the collections it decides.
 */
function heapUsed(): number {
  return loadV8().getHeapStatistics().used_heap_size;
}

/** Call between folders: collects when the heap has grown enough since the last collection. */
export function createHeapKeeper(): () => void {
  let limit = HEAP_FLOOR;
  let folders = 0;
  return () => {
    if (++folders < FOLDERS_BEFORE_FIRST_LOOK || heapUsed() < limit) return;
    const gc = collector();
    if (!gc) return;
    gc();
    limit = Math.max(HEAP_FLOOR, heapUsed() * 2);
  };
}
