import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { Language, Parser } from "web-tree-sitter";

/**
 * One tree-sitter parser for the HCL/Terraform grammar, initialised once per process. `init` is async
 * (WebAssembly); after it, parsing is synchronous, which the ESLint language needs.
 */
let parser: Parser | null = null;
let pending: Promise<Parser> | null = null;

/**
 * The Emscripten module object web-tree-sitter builds its binding on. Emscripten fills the object
 * passed to `Parser.init` with the WebAssembly exports, so handing it our own object gives the
 * tree walker (`lite-tree.ts`) direct access to the cursor functions: see `RawCursorApi`.
 */
const emscriptenModule: Record<string, unknown> = {};

const require = createRequire(import.meta.url);

function grammarWasmPath(): string {
  return require.resolve("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm");
}

export async function initTreeSitter(): Promise<Parser> {
  if (parser) return parser;
  pending ??= (async () => {
    await Parser.init(emscriptenModule);
    const language = await Language.load(grammarWasmPath());
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
    return created;
  })();
  return pending;
}

/**
 * Below this many bytes of templates, a run compiles tree-sitter with V8's baseline WebAssembly
 * compiler (Liftoff) only. V8 otherwise re-compiles hot functions with its optimising compiler in
 * background threads, and a process cannot exit before those jobs finish: measured here, one
 * template folder took ~100 ms longer for code it had no time to use. Optimised code parses about
 * 1.4x faster, which pays off from a few hundred KB on (the corpus: 3 MB, 1.4 s slower without it).
 */
export const SHORT_RUN_BYTES = 256 * 1024;

/**
 * Makes a process that will parse `bytes` of templates start fast (see SHORT_RUN_BYTES). The V8
 * flag is process-wide and only affects modules compiled after it, so this is for a one-shot
 * front end (the CLI) to call before tree-sitter is first loaded; later calls change nothing.
 */
export function planCompile(bytes: number): "baseline" | "optimising" {
  const mode = bytes < SHORT_RUN_BYTES ? "baseline" : "optimising";
  if (mode === "baseline" && !pending) setFlagsFromString("--liftoff-only");
  return mode;
}

export function getParser(): Parser {
  if (!parser) throw new Error("tree-sitter is not initialised: await initTreeSitter() first");
  return parser;
}

/**
 * web-tree-sitter's own cursor functions, called without its JavaScript wrappers. The wrappers copy
 * the cursor's four words into and out of a shared transfer buffer around every call, one
 * `setValue`/`getValue` at a time; the C side keeps the cursor in that buffer between calls anyway,
 * so a walk that makes only cursor calls can leave it there. This is web-tree-sitter's internal
 * binding (pinned in package-lock); `rawCursorApi` returns null when its shape is not the expected
 * one, and the walker then uses the public API. A test compares both walks on every fixture.
 */
export interface RawCursorApi {
  /** Address of the transfer buffer (bytes). */
  readonly transferBuffer: number;
  heap32(): Int32Array;
  gotoFirstChild(tree: number): number;
  gotoNextSibling(tree: number): number;
  gotoParent(tree: number): number;
  typeId(tree: number): number;
  startIndex(tree: number): number;
  endIndex(tree: number): number;
  isMissing(tree: number): number;
}

type WasmFunction = (tree: number) => number;

let rawApi: RawCursorApi | null | undefined;

export function rawCursorApi(): RawCursorApi | null {
  if (rawApi !== undefined) return rawApi;
  // before initTreeSitter there is nothing to look at yet: decide later
  if (!parser) return null;
  const m = emscriptenModule;
  const fn = (name: string): WasmFunction | null => {
    const value = m[name];
    return typeof value === "function" ? (value as WasmFunction) : null;
  };
  const init = m._ts_init;
  const gotoFirstChild = fn("_ts_tree_cursor_goto_first_child_wasm");
  const gotoNextSibling = fn("_ts_tree_cursor_goto_next_sibling_wasm");
  const gotoParent = fn("_ts_tree_cursor_goto_parent_wasm");
  const typeId = fn("_ts_tree_cursor_current_node_type_id_wasm");
  const startIndex = fn("_ts_tree_cursor_start_index_wasm");
  const endIndex = fn("_ts_tree_cursor_end_index_wasm");
  const isMissing = fn("_ts_tree_cursor_current_node_is_missing_wasm");
  if (typeof init !== "function" || !(m.HEAP32 instanceof Int32Array) || !gotoFirstChild || !gotoNextSibling || !gotoParent || !typeId || !startIndex || !endIndex || !isMissing) {
    rawApi = null;
    return rawApi;
  }
  // ts_init only writes two version words into the transfer buffer and returns its address
  const transferBuffer = (init as () => number)();
  rawApi = {
    transferBuffer,
    // the views are replaced when WebAssembly memory grows: read the current one each time
    heap32: () => m.HEAP32 as Int32Array,
    gotoFirstChild,
    gotoNextSibling,
    gotoParent,
    typeId,
    startIndex,
    endIndex,
    isMissing,
  };
  return rawApi;
}
