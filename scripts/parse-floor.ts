/**
 * The parse floor for `npm run bench`: a process that only reads the template files of a folder and
 * parses them with tree-sitter, as the linter must at the least.
 */
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { getParser, initTreeSitter } from "../src/hcl/tree-sitter.js";

const target = process.argv[2] ?? ".";
await initTreeSitter();
const parser = getParser();
let nodes = 0;
for (const file of fg.sync("**/*.{tf,tf.json,tfvars,tfvars.json,tftpl}", { cwd: target, absolute: true, dot: true, ignore: ["**/.terraform/**", "**/.git/**", "**/node_modules/**"] })) {
  const tree = parser.parse(readFileSync(file, "utf8"));
  nodes += tree?.rootNode.childCount ?? 0;
  tree?.delete();
}
process.stdout.write(`${String(nodes)}\n`);
