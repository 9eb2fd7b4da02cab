import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { base62Encode, crc32, hasValidCrc32Suffix, shannonEntropy } from "../src/detectors/checksums.js";
import { DETECTORS } from "../src/detectors/formats.js";
import { mask } from "../src/detectors/mask.js";
import { isPlaceholder } from "../src/detectors/placeholders.js";
import { candidateDetectors } from "../src/detectors/scan.js";
import * as assignments from "../src/detectors/assignments.js";
import { ROOT } from "./helpers.js";

describe("detectors", () => {
  it("match the table in docs/rules/no-hardcoded-credentials.md, and there are at least 40", () => {
    const doc = readFileSync(join(ROOT, "docs", "rules", "no-hardcoded-credentials.md"), "utf8");
    const table = doc.slice(doc.indexOf("<!-- detectors:start -->"), doc.indexOf("<!-- detectors:end -->"));
    const documented = [...table.matchAll(/^\| `([a-z0-9-]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(documented).toEqual(DETECTORS.map((d) => [d.id, d.name]));
    expect(DETECTORS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(DETECTORS.map((d) => d.id)).size).toBe(DETECTORS.length);
  });

  it("every regular expression is free of catastrophic backtracking (recheck)", () => {
    const sources: [string, RegExp][] = DETECTORS.map((d) => [d.id, d.pattern]);
    for (const [name, value] of Object.entries(assignments)) if (value instanceof RegExp) sources.push([name, value]);
    const unsafe: string[] = [];
    for (const [name, pattern] of sources) {
      const result = checkSync(pattern.source, pattern.flags.replace("g", ""), { timeout: 10_000 });
      if (result.status !== "safe") unsafe.push(`${name}: ${result.status}`);
    }
    expect(unsafe).toEqual([]);
  }, 120_000);

  it("run only when one of their keywords occurs in the file", () => {
    expect(candidateDetectors("nothing to see here").map((d) => d.id)).toEqual([]);
    expect(candidateDetectors('x = "ghp_..." # GitHub').map((d) => d.id)).toEqual(["github-pat"]);
  });
});

describe("checksums", () => {
  it("computes CRC32 like zlib", () => {
    expect(crc32("The quick brown fox jumps over the lazy dog")).toBe(0x414fa339);
  });

  it("accepts a GitHub-style token only with the right base62 CRC32 suffix", () => {
    const body = "a".repeat(15) + "B".repeat(15);
    const token = `ghp_${body}${base62Encode(crc32(body), 6)}`;
    expect(hasValidCrc32Suffix(token)).toBe(true);
    expect(hasValidCrc32Suffix(token.slice(0, -1) + (token.endsWith("0") ? "1" : "0"))).toBe(false);
  });

  it("measures entropy in bits per character", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
});

describe("masking and placeholders", () => {
  it("shows at most a quarter of a secret, then its length", () => {
    expect(mask("ghp_" + "x".repeat(36))).toBe("ghp_\u2026(40 chars)");
    expect(mask("password")).toBe("pa\u2026(8 chars)");
    expect(mask("abc")).toBe("\u2026(3 chars)");
  });

  it.each(["<your-token>", "XXXXXXXX", "********", "REPLACE_ME", "your-api-key-here", "example", "dummy", "AKIAIOSFODNN7EXAMPLE", "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "${TOKEN}", "$TOKEN", ""])(
    "%j is a placeholder",
    (value) => {
      expect(isPlaceholder(value)).toBe(true);
    },
  );

  it.each(["Winter2024!dev", "q8Zr3vT1xW9pL2mN", "coder"])("%j is not", (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});
