import { readFileSync } from "node:fs";
import fg from "fast-glob";
const { fileKindOf, parseFile } = await import("/work/main/dist/src/hcl/parse.js");
const files = fg.sync("**/*.{tf,tfvars}", { cwd: "/work/shared/corpus", absolute: true });
const texts = files.map(f => [f, readFileSync(f, "utf8")]);
let bytes = 0; for (const [,t] of texts) bytes += t.length;
for (let r = 0; r < 4; r++) {
  const t0 = performance.now();
  for (const [f, t] of texts) parseFile(f, t, fileKindOf(f));
  const ms = performance.now() - t0;
  console.log(`round ${r}: ${ms.toFixed(0)} ms, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`);
}
