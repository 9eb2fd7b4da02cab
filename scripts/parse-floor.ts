/**
 * The parse floor for `npm run bench`: a process that only reads the template files of a folder and
 * parses them into the model as the linter must at the least: `.tf`/`.tfvars` with our HCL parser,
 * `.tf.json`/`.tfvars.json` as Terraform JSON; `.tftpl` files are only read (the linter scans their
 * text but never parses them).
 */
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { fileKindOf, parseFile } from "../src/hcl/parse.js";
import { tuneV8ForBatch } from "../src/cli/v8-tuning.js";

// the V8 settings the CLI runs a batch with (src/cli/v8-tuning.ts): the floors and the lint are
// measured under one configuration, so that the ratios compare work, not settings
tuneV8ForBatch();
const target = process.argv[2] ?? ".";
let items = 0;
for (const file of fg.sync("**/*.{tf,tf.json,tfvars,tfvars.json,tftpl}", { cwd: target, absolute: true, dot: true, ignore: ["**/.terraform/**", "**/.git/**", "**/node_modules/**"] })) {
  const kind = fileKindOf(file);
  if (!kind) continue;
  items += parseFile(file, readFileSync(file, "utf8"), kind).body.items.length;
}
process.stdout.write(`${String(items)}\n`);
