import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BATCH_V8_FLAGS, MIN_BYTES_FOR_BATCH_TUNING, wantsBatchTuning } from "../src/cli/v8-tuning.js";

describe("V8 tuning of a batch run (the bin and the Action only)", () => {
  it("tunes runs from MIN_BYTES_FOR_BATCH_TUNING up: a folder or a pre-commit's few files start as they are", () => {
    expect(MIN_BYTES_FOR_BATCH_TUNING).toBe(256 * 1024);
    expect(wantsBatchTuning({ bytes: 6_253 })).toBe(false);
    expect(wantsBatchTuning({ bytes: MIN_BYTES_FOR_BATCH_TUNING - 1 })).toBe(false);
    expect(wantsBatchTuning({ bytes: MIN_BYTES_FOR_BATCH_TUNING })).toBe(true);
    expect(wantsBatchTuning({ bytes: 4_287_323 })).toBe(true);
  });

  it.each(BATCH_V8_FLAGS)("%s is a flag this Node's V8 knows (an unknown one would be ignored without a word)", (flag) => {
    const run = spawnSync(process.execPath, [flag, "-e", ""], { encoding: "utf8" });
    expect([run.status, run.stderr]).toEqual([0, ""]);
  });
});
