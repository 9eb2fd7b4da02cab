/**
 * The old parse floor, kept in `npm run bench` as the comparison for our parser: read the template
 * files of a folder and parse the `.tf`/`.tfvars` ones with tree-sitter (WebAssembly, a development
 * dependency now), as the linter did before it had its own parser.
 */
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { getParser, initTreeSitter } from "../test/support/tree-sitter/tree-sitter.js";
import { tuneV8ForBatch } from "../src/cli/v8-tuning.js";

// the V8 settings the CLI runs a batch with (src/cli/v8-tuning.ts): the floors and the lint are
// measured under one configuration, so that the ratios compare work, not settings
tuneV8ForBatch();
const target = process.argv[2] ?? ".";
await initTreeSitter();
const parser = getParser();
let nodes = 0;
for (const file of fg.sync("**/*.{tf,tf.json,tfvars,tfvars.json,tftpl}", { cwd: target, absolute: true, dot: true, ignore: ["**/.terraform/**", "**/.git/**", "**/node_modules/**"] })) {
  const text = readFileSync(file, "utf8");
  if (!file.endsWith(".tf") && !file.endsWith(".tfvars")) {
    nodes += text.length > 0 ? 1 : 0;
    continue;
  }
  const tree = parser.parse(text);
  nodes += tree?.rootNode.childCount ?? 0;
  tree?.delete();
}
process.stdout.write(`${String(nodes)}\n`);
