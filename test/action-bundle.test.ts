import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleAction } from "../scripts/bundle-action.js";
import { actionInput, planRun, splitPaths, stepExitCode } from "../src/action/main.js";
import { ROOT } from "./helpers.js";

describe("the action's committed bundle (action/dist)", () => {
  it("is what `npm run build:action` builds from the sources today", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "csl-action-dist-"));
    await bundleAction(ROOT, fresh);
    const committed = join(ROOT, "action", "dist");
    const names = readdirSync(fresh).sort();
    expect(readdirSync(committed).sort(), "action/dist is out of date: run `npm run build:action` and commit it").toEqual(names);
    for (const name of names) {
      const same = readFileSync(join(fresh, name)).equals(readFileSync(join(committed, name)));
      expect(same, `action/dist/${name} is out of date: run \`npm run build:action\` and commit it`).toBe(true);
    }
  }, 60_000);
});

describe("the action's inputs", () => {
  it("reads inputs as the runner names them (hyphens kept) and in the underscore form", () => {
    expect(actionInput({ "INPUT_FAIL-ON": " warning " }, "fail-on")).toBe("warning");
    expect(actionInput({ INPUT_FAIL_ON: "never" }, "fail-on")).toBe("never");
    expect(actionInput({}, "fail-on")).toBe("");
  });

  it("takes paths one per line, keeping spaces inside a path", () => {
    expect(splitPaths("templates\n with space/x \r\n\n")).toEqual(["templates", "with space/x"]);
    expect(splitPaths("\n")).toEqual(["."]);
  });

  it("builds one command line: options, then the format, then '--' and the paths", () => {
    const plan = planRun(
      {
        INPUT_CONFIG: "c.json",
        INPUT_BASELINE: "b.json",
        INPUT_ARGS: "--quiet  --rule x:off",
        "INPUT_FAIL-ON": "warning",
        "INPUT_SARIF-FILE": "r.sarif",
        "INPUT_WORKING-DIRECTORY": "sub",
        GITHUB_STEP_SUMMARY: "/s.md",
        INPUT_PATHS: "a\n--b.tf",
      },
      "/repo",
    );
    expect(plan).toEqual({
      cwd: "/repo/sub",
      argv: ["--config", "c.json", "--baseline", "b.json", "--quiet", "--rule", "x:off", "--max-warnings", "0", "--sarif-file", "r.sarif", "--summary-file", "/s.md", "--format", "github", "--", "a", "--b.tf"],
      failOn: "warning",
      sarifFile: "r.sarif",
    });
    expect(planRun({ "INPUT_FAIL-ON": "sometimes" }, "/repo")).toEqual({ error: "fail-on must be error, warning or never, not 'sometimes'" });
  });

  it("passes a step with findings only when fail-on is never, and never hides a usage error", () => {
    expect([stepExitCode(1, "never"), stepExitCode(1, "error"), stepExitCode(2, "never"), stepExitCode(0, "warning")]).toEqual([0, 1, 2, 0]);
  });
});
