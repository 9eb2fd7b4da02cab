import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Most test time is spent waiting on child processes (the CLI, git, pre-commit): on a 2-core
    // machine vitest's default (one worker per core but one) ran the files one after another.
    maxWorkers: 3,
    minWorkers: 1,
  },
});
