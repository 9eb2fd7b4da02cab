#!/usr/bin/env node
import { readSync } from "node:fs";
import { runCli } from "./cli.js";
import { tuneV8ForPlan } from "./v8-tuning.js";

/** Standard input, read in chunks up to a limit: a pipe that never ends must not fill memory. */
function readStdin(maxBytes: number): string | null {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    let read: number;
    try {
      read = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        // a non-blocking stdin with nothing yet: wait a little instead of spinning
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === "EOF") break;
      return null;
    }
    if (read === 0) break;
    total += read;
    if (total > maxBytes) return null;
    chunks.push(chunk.subarray(0, read));
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The command-line entry point: wires the process to runCli and sets the exit code. */
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY,
  stderrIsTTY: process.stderr.isTTY,
  env: process.env,
  readStdin,
  onPlan: tuneV8ForPlan,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // an internal error: report without a stack full of user data, and exit 2 as ESLint does
    process.stderr.write(`coder-secrets-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DEBUG) process.stderr.write(`${error instanceof Error ? (error.stack ?? "") : ""}\n`);
    process.exitCode = 2;
  },
);
