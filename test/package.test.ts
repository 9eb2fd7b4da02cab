import { readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

interface LockPackage {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
}

describe("package.json and the lockfile", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { engines: { node: string }; files: string[] };
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockPackage> };

  it("installs with no EBADENGINE warning on our oldest supported Node: every locked package accepts it", () => {
    const oldest = semver.minVersion(pkg.engines.node)?.version ?? "";
    expect(oldest).toBe("20.19.0");
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== "" && entry.engines && !Array.isArray(entry.engines) && typeof (entry.engines as { node?: string }).node === "string")
      .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${path} (node ${(entry.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });

  it("ships the CLI bundle, the library, the rule docs and the license, not the GitHub Action's bundle (the action ships through GitHub)", () => {
    expect(pkg.files).toEqual(expect.arrayContaining(["dist/bundle", "dist/src", "dist/rules", "schema", "docs/rules", "LICENSE", "README.md"]));
    expect(pkg.files.filter((f) => f.startsWith("action"))).toEqual([]);
    // a code cache fits only the Node that made it: the first run of an install writes its own
    expect(pkg.files).toContain("!dist/bundle/*.cache");
  });
});
