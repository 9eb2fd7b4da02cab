#!/usr/bin/env node
import { runCli } from "./cli.js";

/** The command-line entry point: wires the process to runCli and sets the exit code. */
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY,
  stderrIsTTY: process.stderr.isTTY,
  env: process.env,
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
