/**
 * Bundles the CLI and its worker thread into `dist/bundle/`, after `tsc`, and keeps V8's code cache
 * of the CLI beside it.
 *
 * Measured here, a fresh `coder-secrets-lint <folder>` spent ~60 ms resolving and compiling some
 * 90 separate modules (ours, fast-glob's and micromatch's) before linting anything; a bundle loads in
 * a few reads. The library (`dist/src/index.js`) and the ESLint plugin stay unbundled. ajv stays
 * outside (it loads its own files, and only when a config file is validated).
 *
 * What `dist/bundle/` holds:
 * - `cli-code.js`, `worker-code.js`: each a single CommonJS bundle (V8 can cache the bytecode of a
 *   script, and Node 20 offers no such cache for ES modules);
 * - `load.js` (src/cli/code-cache-loader.cts) runs one of them from its code cache;
 *   `cli.js` (the package's bin) and `worker.js` are two-line entries that call it;
 * - `cli-code.<V8 version>-<arch>.cache`: the bytecode of a run of the CLI on `examples/`, made here
 *   with the Node that builds. On another Node it is not read, and the bundle compiles as usual.
 * - `package.json`: `"type": "commonjs"` for the folder.
 */
import { build, type BuildOptions, type Plugin } from "esbuild";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/engine/paths.js";

const root = packageRoot();
const outdir = join(root, "dist", "bundle");
// the cache and the bundles are rebuilt together: a stale cache must never sit beside a new bundle
rmSync(outdir, { recursive: true, force: true });

/** The bundle's `import()` goes through the loader (see src/formatters/import-module.ts). */
const importThroughLoader: Plugin = {
  name: "import-through-loader",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]formatters[\\/]import-module\.js$/ }, () => ({
      contents: "export function importModule(specifier) { return __importModule(specifier); }\n",
      loader: "js",
    }));
  },
};

const COMMON_JS_BUNDLE = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["ajv", "ajv/*"],
  // `import.meta.url` of the bundle file: the package root and the worker are found from it
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [importThroughLoader],
  // a CLI compiles its whole bundle at every start that has no usable code cache: minified, V8
  // parses ~40 % less source (measured: one folder 179 -> 163 ms, bare node 102 ms). keepNames gave
  // it all back (a call per function at start-up), so stacks under DEBUG=1 show minified names:
  // `node dist/src/cli/bin.js` runs the same CLI unbundled, with readable ones.
  minify: true,
  logLevel: "warning",
} as const satisfies BuildOptions;

await build({ ...COMMON_JS_BUNDLE, entryPoints: [join(root, "dist", "src", "cli", "bin.js")], outfile: join(outdir, "cli-code.js") });
await build({ ...COMMON_JS_BUNDLE, entryPoints: [join(root, "dist", "src", "engine", "worker.js")], outfile: join(outdir, "worker-code.js") });
await build({
  entryPoints: [join(root, "dist", "src", "cli", "code-cache-loader.cjs")],
  outfile: join(outdir, "load.js"),
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: true,
  logLevel: "warning",
});

// the bin's hashbang belongs to the entry, not to the bundle the loader wraps in a function
const cliCode = join(outdir, "cli-code.js");
writeFileSync(cliCode, readFileSync(cliCode, "utf8").replace(/^#![^\n]*\n/, ""));
writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
writeFileSync(join(outdir, "cli.js"), '#!/usr/bin/env node\n"use strict";\nrequire("./load.js").runBundle("cli");\n', { mode: 0o755 });
// a worker never writes a code cache (see runBundle): it compiles its bundle from source
writeFileSync(join(outdir, "worker.js"), '"use strict";\nrequire("./load.js").runBundle("worker", false);\n');

// The code cache: one run of the CLI on the examples (our own templates, a leaky and a safe one),
// whose exit writes the bytecode of every function it called.
const made = spawnSync(process.execPath, [join(outdir, "cli.js"), "--no-config-lookup", join(root, "examples")], {
  cwd: root,
  env: { ...process.env, CODER_SECRETS_LINT_CODE_CACHE: "write" },
  encoding: "utf8",
});
if (made.status !== 1 || !readdirSync(outdir).some((name) => name.endsWith(".cache"))) {
  throw new Error(`bundle: the run that makes the code cache failed (exit ${String(made.status)}): ${made.stderr}`);
}
