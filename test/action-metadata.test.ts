import { readFileSync } from "node:fs";
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

  it("is valid YAML with the keys GitHub's action metadata requires", () => {
    expect(typeof action.name).toBe("string");
    expect(typeof action.description).toBe("string");
    const runs = action.runs as { using?: unknown; steps?: unknown[]; main?: unknown };
    expect(["composite", "node20", "node24", "docker"]).toContain(runs.using);
    if (runs.using === "composite") {
      expect(Array.isArray(runs.steps)).toBe(true);
      for (const step of runs.steps as Record<string, unknown>[]) {
        // a composite run step must say which shell runs it
        if ("run" in step) expect(typeof step.shell).toBe("string");
      }
    } else expect(typeof runs.main).toBe("string");
  });

  it("declares every input it uses, each with a description, and uses only declared ones", () => {
    const inputs = action.inputs as Record<string, { description?: unknown; required?: unknown; default?: unknown }>;
    for (const [name, input] of Object.entries(inputs)) {
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof input.description).toBe("string");
    }
    const used = [...text.matchAll(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g)].map((m) => m[1] ?? "");
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(Object.keys(inputs)).toContain(name);
    const outputs = action.outputs as Record<string, { description?: unknown; value?: unknown }>;
    for (const output of Object.values(outputs)) expect(typeof output.description).toBe("string");
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
