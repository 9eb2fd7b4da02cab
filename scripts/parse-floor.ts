/**
 * The parse floor for `npm run bench`: a process that only reads the template files of a folder and
 * parses them into the model as the linter must at the least: `.tf`/`.tfvars` with our HCL parser,
 * `.tf.json`/`.tfvars.json` as Terraform JSON; `.tftpl` files are only read (the linter scans their
 * text but never parses them).
 */
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { fileKindOf, parseFile } from "../src/hcl/parse.js";

const target = process.argv[2] ?? ".";
let items = 0;
for (const file of fg.sync("**/*.{tf,tf.json,tfvars,tfvars.json,tftpl}", { cwd: target, absolute: true, dot: true, ignore: ["**/.terraform/**", "**/.git/**", "**/node_modules/**"] })) {
  const kind = fileKindOf(file);
  if (!kind) continue;
  items += parseFile(file, readFileSync(file, "utf8"), kind).body.items.length;
}
process.stdout.write(`${String(items)}\n`);
