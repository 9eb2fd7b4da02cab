/**
 * `npm run demo`: lints the bundled examples/ and says what the exit code means. A script, not a
 * shell one-liner, so that it runs the same in every shell (cmd.exe and PowerShell included).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../src/engine/paths.js";

const root = packageRoot();
const run = spawnSync(process.execPath, [join(root, "dist", "bundle", "cli.js"), join(root, "examples")], { stdio: "inherit" });
console.log(`(exit code ${String(run.status)}: examples/leaky-template has findings on purpose)`);
