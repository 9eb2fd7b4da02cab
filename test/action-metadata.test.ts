import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "./helpers.js";

/**
 * GitHub and pre-commit load these files as YAML: a file that does not parse (an unquoted
 * description holding ": " once made action.yml unloadable) fails here, not on a user's runner.
 */
function yamlFile(name: string): Record<string, unknown> {
  return parse(readFileSync(join(ROOT, name), "utf8"), { strict: true, uniqueKeys: true }) as Record<string, unknown>;
}

describe("action.yml", () => {
  const text = readFileSync(join(ROOT, "action.yml"), "utf8");
  const action = yamlFile("action.yml");

  it("is valid YAML with the keys GitHub's action metadata requires: a JavaScript action on the runner's Node", () => {
    expect(typeof action.name).toBe("string");
    expect(typeof action.description).toBe("string");
    const runs = action.runs as { using?: unknown; main?: unknown; steps?: unknown };
    // node24: the runners' current JavaScript runtime (node20 actions are forced onto it since June 2026)
    expect(runs.using).toBe("node24");
    expect(runs.steps).toBeUndefined();
    expect(typeof runs.main).toBe("string");
    expect(existsSync(join(ROOT, String(runs.main)))).toBe(true);
  });

  it("installs nothing and uses no other action (nothing to pin, no setup-node changing the job's Node)", () => {
    expect(text).not.toMatch(/^\s*-?\s*uses:/m);
    expect(text).not.toMatch(/npm (ci|install)|setup-node/);
  });

  it("declares every input the action reads, each with a description, and reads every declared one", () => {
    const inputs = action.inputs as Record<string, { description?: unknown; required?: unknown; default?: unknown }>;
    for (const [name, input] of Object.entries(inputs)) {
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof input.description).toBe("string");
    }
    const source = readFileSync(join(ROOT, "src", "action", "main.ts"), "utf8");
    const read = new Set([...source.matchAll(/actionInput\(env, "([a-z0-9-]+)"\)/g)].map((m) => m[1] ?? ""));
    // paths is read raw (its lines keep inner spaces)
    if (source.includes("env.INPUT_PATHS")) read.add("paths");
    expect([...read].sort()).toEqual(Object.keys(inputs).sort());
  });

  it("declares the outputs the action writes", () => {
    const outputs = action.outputs as Record<string, { description?: unknown }>;
    for (const output of Object.values(outputs)) expect(typeof output.description).toBe("string");
    const source = readFileSync(join(ROOT, "src", "action", "main.ts"), "utf8");
    const written = [...source.matchAll(/(?:`|\\n)([a-z-]+)=\$\{/g)].map((m) => m[1] ?? "");
    expect(written.sort()).toEqual(Object.keys(outputs).sort());
  });
});

describe(".pre-commit-hooks.yaml", () => {
  it("is valid YAML: hooks with the keys pre-commit requires, file names after '--'", () => {
    const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8"), { strict: true }) as Record<string, unknown>[];
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) {
      for (const key of ["id", "name", "entry", "language"]) expect(typeof hook[key]).toBe("string");
      expect(hook.args).toEqual(["--"]);
      expect(() => new RegExp(String(hook.files))).not.toThrow();
    }
  });
});
