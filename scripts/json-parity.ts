/**
 * Compares our JSON view with @cdktf/hcl2json on every `.tf` file under a folder (default: the shared
 * corpus) and prints the differences. The test suite runs the same comparison.
 */
import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { compareWithReference } from "../src/hcl/parity.js";

const root = process.argv[2] ?? "../shared/corpus";
const files = fg.sync("**/*.tf", { cwd: root, absolute: true }).sort();
let differing = 0;
for (const file of files) {
  const diffs = await compareWithReference(file, readFileSync(file, "utf8"));
  if (diffs.length > 0) {
    differing++;
    console.log(file);
    for (const d of diffs.slice(0, 5)) console.log("  " + d);
  }
}
console.log(`${String(files.length)} files, ${String(differing)} with differences`);
