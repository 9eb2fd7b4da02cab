/**
 * The parse floor for `npm run bench`: a process that only reads the template files of a folder and
 * parses with tree-sitter those the linter parses with it (`.tf`, `.tfvars`), as the linter must at
 * the least. `.tftpl` files are only read: the linter scans their text but never parses them as HCL
 * (tree-sitter would spend ~12 % of the corpus time recovering from shell text), and JSON files go to
 * a JSON parser.
 */
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { getParser, initTreeSitter } from "../src/hcl/tree-sitter.js";

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
