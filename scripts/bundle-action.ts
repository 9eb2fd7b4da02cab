/**
 * Bundles the GitHub Action (`action/dist/`): the action's entry and the linter's worker, from the
 * TypeScript sources, with every runtime dependency inside (ajv included), split into shared chunks.
 * The bundle is committed, as JavaScript actions ship a committed `dist/`: a job that uses the
 * action downloads it with the action and installs nothing.
 *
 * `npm run build:action` writes it; test/action-bundle.test.ts builds it again into a temporary
 * folder and fails when the committed files differ (run `npm run build:action` and commit).
 */
import { build, type BuildOptions, type Plugin } from "esbuild";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The action ships no node_modules: ajv is imported statically instead of required on demand. */
function staticAjv(root: string): Plugin {
  return {
  name: "static-ajv",
  setup(builder) {
    builder.onResolve({ filter: /[\\/]ajv-loader\.js$/ }, () => ({ path: "ajv-loader", namespace: "static-ajv" }));
    builder.onLoad({ filter: /.*/, namespace: "static-ajv" }, () => ({
      contents: 'import { Ajv } from "ajv";\nexport function loadAjv() { return Ajv; }\n',
      resolveDir: root,
      loader: "js",
    }));
  },
  };
}

/**
 * What both bundles (the CLI's and the action's) are: ESM for Node 20, shared code in one chunk and
 * what is imported dynamically (the archive readers) in its own, named by content.
 */
export const NODE_BUNDLE = {
  bundle: true,
  splitting: true,
  chunkNames: "chunk-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  // CommonJS dependencies (micromatch, ignore, tar-stream, yauzl, ajv) call require() for Node's own modules
  banner: { js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);' },
  logLevel: "warning",
} as const satisfies BuildOptions;

/** Writes the action's bundle into `outdir` (files named by content: the build is reproducible). */
export async function bundleAction(root: string, outdir: string): Promise<void> {
  // chunks are named by content: a stale one left behind would be shipped for nothing
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: join(root, "src", "action", "entry.ts"), worker: join(root, "src", "engine", "worker.ts") },
    outdir,
    ...NODE_BUNDLE,
    plugins: [staticAjv(root)],
    legalComments: "eof",
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = process.cwd();
  await bundleAction(root, join(root, "action", "dist"));
}
