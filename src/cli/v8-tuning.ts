import { loadV8 } from "../engine/lazy-builtins.js";

/**
 * V8 settings for a process that lints a batch of templates once and exits: the CLI and the
 * GitHub Action, never the library or the ESLint plugin (they run in a process that is not ours).
 *
 * `--no-turbo-inlining`: a CLI runs cold, and most of its time is spent before V8's optimising
 * compiler has caught up. With inlining, TurboFan's compiles of our larger functions (a rule's
 * check, the parser's expression functions) took 50-200 ms each on a background thread (trace-opt,
 * corpus run: ~2.3 s of compile time for 148 functions, on a 2-core machine whose second core the
 * run also needs), so optimised code came late. Without it, compiles are short and arrive early:
 * the corpus lint 1027 -> 834 ms (bundle, ABBA 9 rounds), the parse floor 546 -> 448 ms; a run of
 * four corpora (17 MB, one thread) 3192 -> 3252 ms, within noise.
 *
 * The flag is set after start-up, when a run is known to be large enough (MIN_BYTES): changing a
 * flag makes V8 reject the code cache that Node's own modules start from, so a Node built-in loaded
 * after it compiles from source (measured on one template folder with the flag set before the
 * bundle loaded: +17 ms).
 */
export const BATCH_V8_FLAGS: readonly string[] = ["--no-turbo-inlining"];

/** Runs smaller than this (a folder or a pre-commit's few files) end before the optimising compiler matters. */
export const MIN_BYTES_FOR_BATCH_TUNING = 256 * 1024;

/** Is a run of this size worth tuning V8 for? */
export function wantsBatchTuning(plan: { readonly bytes: number }): boolean {
  return plan.bytes >= MIN_BYTES_FOR_BATCH_TUNING;
}

let tuned = false;

/** Sets BATCH_V8_FLAGS for this process, once. */
export function tuneV8ForBatch(): void {
  if (tuned) return;
  tuned = true;
  const v8 = loadV8();
  for (const flag of BATCH_V8_FLAGS) v8.setFlagsFromString(flag);
}

/** A process's own `onPlan` (the bin's, the Action's): tunes V8 when the run is large enough. */
export function tuneV8ForPlan(plan: { readonly bytes: number }): void {
  if (wantsBatchTuning(plan)) tuneV8ForBatch();
}
