/**
 * Bundles the CLI and its worker thread into one file each (`dist/bundle/`), after `tsc`.
 *
 * Measured here, a fresh `coder-secrets-lint <folder>` spent ~60 ms resolving and compiling some
 * 90 separate modules (ours, fast-glob's and micromatch's) before linting anything; a bundle loads in
 * one read. The library (`dist/src/index.js`) and the ESLint plugin stay unbundled. ajv stays
 * outside (it loads its own files, and only when a config file is validated).
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/engine/paths.js";

const root = packageRoot();
// chunks are named by content: stale ones from an earlier build would be left beside the new ones
rmSync(join(root, "dist", "bundle"), { recursive: true, force: true });

await build({
  entryPoints: {
    cli: join(root, "dist", "src", "cli", "bin.js"),
    worker: join(root, "dist", "src", "engine", "worker.js"),
  },
  outdir: join(root, "dist", "bundle"),
  bundle: true,
  // shared code in one chunk, and what is imported dynamically (the archive readers) in its own:
  // a run that meets no archive never parses tar-stream and yauzl
  splitting: true,
  chunkNames: "chunk-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["ajv", "ajv/*"],
  // CommonJS dependencies (fast-glob, micromatch) call require() for Node's own modules
  banner: { js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);' },
  logLevel: "warning",
});
