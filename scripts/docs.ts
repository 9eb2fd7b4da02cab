/** Regenerates the README rule table from the rules' `meta` (`npm run docs`). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/engine/paths.js";
import { withRulesTable } from "../src/engine/rule-table.js";

const readme = join(packageRoot(), "README.md");
writeFileSync(readme, withRulesTable(readFileSync(readme, "utf8")));
console.log("README.md rule table updated");
