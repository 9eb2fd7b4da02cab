import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { base62Encode, crc32, hasValidCrc32Suffix } from "../src/detectors/checksums.js";
import { DETECTORS } from "../src/detectors/formats.js";
import { mask } from "../src/detectors/mask.js";
import { isPlaceholder, placeholderShape } from "../src/detectors/placeholders.js";
import { candidateDetectors } from "../src/detectors/scan.js";
import * as assignments from "../src/detectors/assignments.js";
import { escapeRegExp, literalTrieSource } from "../src/detectors/search.js";
import fc from "fast-check";
import { ROOT, runBin } from "./helpers.js";

describe("detectors", () => {
  it("match the table in docs/rules/no-hardcoded-credentials.md, and there are at least 40", () => {
    const doc = readFileSync(join(ROOT, "docs", "rules", "no-hardcoded-credentials.md"), "utf8");
    const table = doc.slice(doc.indexOf("<!-- detectors:start -->"), doc.indexOf("<!-- detectors:end -->"));
    const documented = [...table.matchAll(/^\| `([a-z0-9-]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(documented).toEqual(DETECTORS.map((d) => [d.id, d.name]));
    expect(DETECTORS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(DETECTORS.map((d) => d.id)).size).toBe(DETECTORS.length);
  });

  // one test per pattern: a single long synchronous test starved vitest's worker RPC under load
  const patterns: [string, RegExp][] = [...DETECTORS.map((d): [string, RegExp] => [d.id, d.pattern]), ...Object.entries(assignments.ASSIGNMENT_PATTERNS)];

  it("checks every pattern: each detector's and each of assignments.ts", () => {
    expect(patterns.length).toBe(DETECTORS.length + 11);
  });

  // the automaton checker's verdict is a proof; patterns it cannot read (lookaround) are fuzzed,
  // with a fixed seed so that the verdict does not change from run to run
  it.each(patterns)("%s is free of catastrophic backtracking (recheck)", (_name, pattern) => {
    const flags = pattern.flags.replace("g", "");
    const proof = checkSync(pattern.source, flags, { checker: "automaton", timeout: 10_000 });
    const result = proof.status === "unknown" ? checkSync(pattern.source, flags, { timeout: 10_000, randomSeed: 20_261_208 }) : proof;
    expect(result.status).toBe("safe");
  }, 30_000);

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
});

describe("masking and placeholders", () => {
  it("shows at most a quarter of a secret, then its length", () => {
    expect(mask("ghp_" + "x".repeat(36))).toBe("ghp_\u2026(40 chars)");
    expect(mask("password")).toBe("pa\u2026(8 chars)");
    expect(mask("abc")).toBe("\u2026(3 chars)");
  });

  // every row class of PLACEHOLDER_SHAPES, and the values they must not excuse
  it.each([
    ["<your-token>", "angle-bracket placeholder"],
    ["{{ token }}", "template marker"],
    ["${{ secrets.GITHUB_TOKEN }}", "template marker"],
    ["<%= db_password %>", "template marker"],
    ["${TOKEN}", "interpolation kept literally"],
    ["$TOKEN", "interpolation kept literally"],
    ["$(PASSWORD)", "interpolation kept literally"],
    ["%(password)s", "interpolation kept literally"],
    ["%DB_PASSWORD%", "interpolation kept literally"],
    ["@DB_PASSWORD@", "substitution marker"],
    ["__API_TOKEN__", "substitution marker"],
    ["{password}", "substitution marker"],
    ["XXXXXXXX", "a run of one character"],
    ["********", "a run of one character"],
    ["ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "a mask after a short prefix"],
    ["sk-***", "a mask after a short prefix"],
    ["ghp_...", "a mask after a short prefix"],
    ["AKIAIOSFODNN7EXAMPLE", "vendor documentation example"],
    ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "vendor documentation example"],
    ["glpat-REPLACE_ME_WITH_TOKEN", "a vendor prefix before a placeholder"],
    ["xoxb-CHANGEME-1234567890-abcdefghij", "a vendor prefix before a placeholder"],
    ["sk-your-key-here", "your-...-here"],
    ["sk-ant-api03-your-key-here", "a vendor prefix before a placeholder"],
    ["github_pat_<your-token>", "a vendor prefix before a placeholder"],
    ["ghp_XXXXXXXXXXXXXXXXXXXX", "a mask after a short prefix"],
    ["REPLACE_ME", "change-me marker"],
    ["change-me", "change-me marker"],
    ["replace with your key", "change-me marker"],
    ["your-api-key-here", "your-...-here"],
    ["YourKeyHere", "your-...-here"],
    ["put_token_here", "your-...-here"],
    ["example", "placeholder word first or last"],
    ["example-password", "placeholder word first or last"],
    ["dummy_secret_value", "placeholder word first or last"],
    ["my.fake", "placeholder word first or last"],
    ["n/a", "a word for nothing"],
    ["true", "a flag value"],
    ["1234567890", "a counting sequence"],
    ["", "an empty value"],
    ["xxxx-xxxx", "groups of a mask character"],
    ["XXXX-XXXX-XXXX-XXXX", "groups of a mask character"],
    ["0000", "a run of one character"],
    ["12345678", "a counting sequence"],
    ["%s", "format directives"],
    ["%s\\n", "format directives"],
    ["%-10s", "format directives"],
    ["{}", "format directives"],
    ["{0}", "format directives"],
    ["$1", "format directives"],
    ["%(password)s", "interpolation kept literally"],
  ])("%j is a placeholder: %s", (value, shape) => {
    expect(placeholderShape(value)).toBe(shape);
    expect(isPlaceholder(value)).toBe(true);
  });

  it("a value that repeats its name is a placeholder, except in a password field", () => {
    expect(placeholderShape("API_KEY", { name: "api_key" })).toBe("the name repeated as its value");
    expect(placeholderShape("githubToken", { name: "GITHUB_TOKEN" })).toBe("the name repeated as its value");
    // a variable-style name that holds the key: substituted later (sed, envsubst), not a credential
    expect(placeholderShape("OPENCODE_API_KEY_VALUE", { name: "api_key" })).toBe("the name inside an upper-case variable name");
    expect(placeholderShape("DB_PASSWORD", { name: "password", passwordField: true })).toBe("the name inside an upper-case variable name");
    expect(placeholderShape("PROD_DB_2024", { name: "password", passwordField: true })).toBe(null);
    expect(placeholderShape("请修改：pve密码", { name: "password", passwordField: true })).toBe("an instruction to replace it (Chinese)");
    expect(placeholderShape("password", { name: "password", passwordField: true })).toBeNull();
    // the field's own word is a marker; another secret word is a weak value
    expect(placeholderShape("token", { name: "PACKAGES_API_TOKEN" })).toBe("the field's own name");
    expect(placeholderShape("secret", { name: "SITESPEED_API_KEY" })).toBeNull();
    expect(placeholderShape("test", { name: "secret_key" })).toBe("a test marker");
    expect(placeholderShape("test", { name: "password", passwordField: true })).toBeNull();
    // a word of the field's own name, in any spelling of the name; not in a password field, and not
    // a value that only contains the word
    expect(placeholderShape("key", { name: "api_key" })).toBe("a word of the field's own name");
    expect(placeholderShape("client", { name: "client_secret" })).toBe("a word of the field's own name");
    expect(placeholderShape("client", { name: "clientSecret" })).toBe("a word of the field's own name");
    expect(placeholderShape("github", { name: "GITHUB_TOKEN" })).toBe("a word of the field's own name");
    expect(placeholderShape("admin", { name: "admin_password", passwordField: true })).toBeNull();
    expect(placeholderShape("apikey2024", { name: "api_key" })).toBeNull();
    expect(placeholderShape("clientXk39", { name: "client_secret" })).toBeNull();
    expect(placeholderShape("ab", { name: "ab_token" })).toBeNull();
  });

  // weak real passwords, and real values that merely contain a placeholder-like word or run
  it.each([
    "Winter2024!dev",
    "q8Zr3vT1xW9pL2mN",
    "coder",
    "Summer2024!",
    "password123",
    "Summer1234567890!",
    "MySamplePassw0rd",
    "Examp1e!Pass",
    "hunter2-Horse-9",
    "myexampletoken77",
    "Pa***w0rd-2024-prod-db",
    // vendor tokens whose random part merely holds a placeholder-like word, not as a separated word
    "glpat-xK9mP2vL8qR4tZ7wN3jB",
    "ghp_ExampleXk39fqFa01qx3rr92TjM4jI2YinV",
    "xoxb-2046135621-4419632117-yourAbc9Kp2LmN",
    "sk-proj-Q8zR3vT1xW9pL2mNk7Hd",
    // a format directive beside real text is text
    "pw%s9Xk2Lm",
    "{}Xq7vR2mK9pL",
    "$1Summer2024!",
    // a mask group beside real characters is not a mask
    "xxxx-9Kp2",
    "XX-Xk39fqFa",
  ])("%j is not", (value) => {
    expect(placeholderShape(value)).toBeNull();
  });
});

describe("DEBUG=1", () => {
  it("shows every value excused as a placeholder, masked, with the shape that excused it", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-debug-"));
    writeFileSync(join(dir, "main.tf"), 'locals {\n  api_token = "<your-api-token>"\n}\n');
    const run = runBin(["."], dir, { DEBUG: "1" });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("coder-secrets-lint: DEBUG placeholder excused: <you\u2026(16 chars) (angle-bracket placeholder)\n");
  });
});

describe("text in other languages is read where a secret name is written", () => {
  const windowsOf = (text: string): string[] => assignments.hintWindows(text).map((w) => text.slice(w.start, w.end));

  it.each<[string, string, string[]]>([
    ["no secret name: nothing to read", "apt-get install -y curl\necho done\n", []],
    ["a name on the first line: it and the next", "export API_TOKEN=x\necho a\necho b\necho c\n", ["export API_TOKEN=x\necho a"]],
    ["a name mid-text: the lines before and after it", "a\nb\nc\nDB_PASSWORD=x\nd\ne\nf\n", ["c\nDB_PASSWORD=x\nd"]],
    ["names on near lines: one window", "a\nb\nTOKEN=1\nc\nSECRET=2\nd\ne\nf\n", ["b\nTOKEN=1\nc\nSECRET=2\nd"]],
    ["names far apart: two windows", "TOKEN=1\na\nb\nc\nd\nSECRET=2", ["TOKEN=1\na", "d\nSECRET=2"]],
    ["several names on one line: one window for the line", "x\nTOKEN=1 SECRET=2 KEY=3\ny\nz", ["x\nTOKEN=1 SECRET=2 KEY=3\ny"]],
  ])("%s", (_name, text, expected) => {
    expect(windowsOf(text)).toEqual(expected);
  });

  it("finds values whose name and value are on neighbouring lines, at their offsets in the whole text", () => {
    const text = "#!/bin/sh\necho start\nmysql_setup \\\n  --password\n  'kR9vT2mQ'\n$cfg['Servers'][$i][\n'password'] = 'pA55w0rdX';\necho end\n";
    expect(assignments.scanEmbedded(text, 100).map((v) => [v.name, v.value, v.start - 100, text.slice(v.start - 100, v.end - 100)])).toEqual([
      ["password", "kR9vT2mQ", 51, "kR9vT2mQ"],
      ["password", "pA55w0rdX", 97, "pA55w0rdX"],
    ]);
  });
});

describe("literalTrieSource", () => {
  it("matches what the alternation of its words, longest first, matches", () => {
    const word = fc.stringMatching(/^[a-c._=-]{1,5}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.stringMatching(/^[a-cA-C._= -]{0,60}$/), (words, text) => {
        const alternation = new RegExp([...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"), "gi");
        const trie = new RegExp(literalTrieSource(words), "gi");
        expect([...text.matchAll(trie)].map((m) => [m.index, m[0]])).toEqual([...text.matchAll(alternation)].map((m) => [m.index, m[0]]));
      }),
      { numRuns: 500 },
    );
  });

  it("factors common prefixes", () => {
    expect(literalTrieSource(["dd_api", "dd_app", "dd", "a.b"])).toBe("(?:dd(?:_ap(?:i|p))?|a\\.b)");
  });
});

describe("a command that reads the secret elsewhere is not the secret", () => {
  it.each([
    ["cat /run/secrets/db", false],
    ['cat "$HOME/.db-password"', false],
    ["vault kv get -field=password secret/db", false],
    ["op read op://vault/db/password", false],
    ["aws secretsmanager get-secret-value --secret-id db", false],
    ["kubectl get secret db -o jsonpath={.data.password}", false],
    // near misses: a passphrase that starts with one of those words, a value after the command word
    ["cat dog fish horse", true],
    ["vault-Xq7vR2mK9pLw", true],
    ["op3n-S3same!", true],
  ])("%j assigned to a password is a credential: %s", async (value, credential) => {
    const { isCredentialValue } = await import("../src/detectors/assignments.js");
    expect(isCredentialValue(value, "password", "db_password")).toBe(credential);
  });
});
