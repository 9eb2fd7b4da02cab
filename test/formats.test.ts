import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Ajv } from "ajv";
import AjvDraft04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { RULES } from "../src/engine/registry.js";
import { escapeData, escapeProperty } from "../src/formatters/github.js";
import { lineHashes } from "../src/formatters/fingerprint.js";
import { FIXTURES, ROOT, runBin } from "./helpers.js";

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS: under NodeNext its default export arrives as `.default`
const AjvDraft04 = (AjvDraft04Module as unknown as { default: typeof Ajv }).default;
// the SARIF schema uses formats ("uri", "date-time"): checked, and no "unknown format" noise
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Record<string, unknown>[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      partialFingerprints?: { primaryLocationLineHash: string };
      relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
      codeFlows?: { threadFlows: { locations: { location: { message: { text: string }; physicalLocation: { region: Record<string, number> } } }[] }[] }[];
      suppressions?: { kind: string; justification: string }[];
    }[];
  }[];
}

function sarifFor(paths: string[], env: Record<string, string> = {}): SarifLog {
  const run = runBin(["-f", "sarif", ...paths], FIXTURES, { GITHUB_WORKSPACE: ROOT, ...env });
  return JSON.parse(run.stdout) as SarifLog;
}

describe("SARIF", () => {
  const paths = ["require-sensitive-metadata/bad", "no-hardcoded-credentials/named", "suppressions", "syntax-error", "no-secret-in-scripts/local-script"];

  it("is valid SARIF 2.1.0 by the official schema", () => {
    const schemaPath = join(require.resolve("@microsoft/jest-sarif/package.json"), "..", "lib", "schemas", "sarif-2.1.0-rtm.5.json");
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
    const ajv = addFormats(new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }));
    const validate = ajv.compile(schema);
    const valid = validate(sarifFor(paths));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("meets GitHub's extra rules: described rules, stable ids, relative URIs, lines and columns from 1", () => {
    const log = sarifFor(paths);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    if (!run) throw new Error("no run");
    expect(run.tool.driver).toMatchObject({ name: "coder-secrets-lint", informationUri: expect.stringMatching(/^https:\/\//) as unknown });
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(ruleIds).toEqual([...RULES.map((r) => r.meta.id), "fatal-error", "suppression-directive"]);
    for (const rule of run.tool.driver.rules) {
      const r = rule as { shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string; properties: Record<string, unknown> };
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      expect(r.fullDescription.text.length).toBeGreaterThan(0);
      expect(r.help.text.length).toBeGreaterThan(0);
      expect(r.help.markdown.length).toBeGreaterThan(0);
      expect(r.helpUri).toMatch(/^https:\/\//);
      expect(r.properties["security-severity"]).toMatch(/^\d+\.\d$/);
      expect(Array.isArray(r.properties.tags)).toBe(true);
    }
    expect(run.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(`file://${ROOT}/`);
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      const location = result.locations[0]?.physicalLocation;
      expect(location?.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(location?.artifactLocation.uri).toMatch(/^fixtures\//);
      expect(location?.region.startLine).toBeGreaterThanOrEqual(1);
      expect(location?.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(result.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]+:\d+$/);
    }
  });

  it("carries the secret's path as a code flow and suppressed findings with their justification", () => {
    const run = sarifFor(paths).runs[0];
    const dsn = run?.results.find((r) => r.message.text.includes("DATABASE_URL"));
    expect(dsn?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "fixtures/require-sensitive-metadata/bad/main.tf", uriBaseId: "%SRCROOT%" },
      region: { startLine: 22, startColumn: 5, endLine: 22, endColumn: 30 },
    });
    expect(dsn?.codeFlows?.[0]?.threadFlows[0]?.locations.map((l) => [l.location.message.text, l.location.physicalLocation.region.startLine])).toEqual([
      ["random_password.db.result", 13],
      ["local.db_pass", 13],
      ["local.dsn", 14],
      ["require-sensitive-metadata", 22],
    ]);
    const suppressed = run?.results.filter((r) => r.suppressions);
    expect(suppressed?.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine, r.suppressions])).toEqual([
      ["no-hardcoded-credentials", 3, [{ kind: "inSource", justification: "fake credentials for the docs" }]],
      ["no-secret-parameters", 1, [{ kind: "inSource", justification: "demo template, token is a throwaway" }]],
      ["no-secret-parameters", 6, [{ kind: "inSource", justification: "asked for on purpose in this demo" }]],
    ]);
    const fatal = run?.results.find((r) => r.ruleId === "fatal-error");
    expect(fatal?.level).toBe("error");
  });

  it("gives a folded finding's other places as relatedLocations", () => {
    const run = sarifFor(paths).runs[0];
    const script = run?.results.find((r) => r.ruleId === "no-secret-in-scripts");
    expect(script?.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: "the same secret again" },
        physicalLocation: { artifactLocation: { uri: "fixtures/no-secret-in-scripts/local-script/main.tf", uriBaseId: "%SRCROOT%" }, region: { startLine: 9, startColumn: 53, endLine: 9, endColumn: 100 } },
      },
    ]);
  });

  it("holds no secret", () => {
    const text = runBin(["-f", "sarif", "no-hardcoded-credentials/named", "no-hardcoded-credentials/formats"], FIXTURES).stdout;
    for (const secret of ["Winter2024!dev", "q8Zr3vT1xW9pL2mN", "f3Kq9Zt2Wm8Xv1Lp7Rn4", "9fQ2mZx7Lk3Vt8Rw1Np", "Hunter2Hunter2"]) expect(text).not.toContain(secret);
  });
});

describe("line fingerprints", () => {
  it("ignore spaces and tabs, normalise line endings and number repeated lines", () => {
    const hashes = lineHashes("a = 1\nb = 2\na = 1\n");
    const crlf = lineHashes("a = 1\r\nb = 2\r\na = 1\r\n");
    const spaced = lineHashes("a=1\n\tb  =  2\na = 1\n");
    expect(crlf).toEqual(hashes);
    expect(spaced).toEqual(hashes);
    expect(hashes.get(1)?.endsWith(":1")).toBe(true);
    expect(hashes.get(2)).not.toBe(hashes.get(1));
    expect(hashes.get(3)).toMatch(/:1$/);
    // a line's hash covers the next 100 characters: unrelated edits far below do not change it
    const long = "x = 1\n" + "y".repeat(200) + "\n";
    expect(lineHashes(long).get(1)).toBe(lineHashes("x = 1\n" + "y".repeat(150) + "z\n").get(1));
  });
});

describe("GitHub annotations", () => {
  it("escape data and properties as workflow commands require", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });

  it("print one command per finding, with the full range", () => {
    const { code, stdout } = runBin(["-f", "github", "seed/bad", "no-cleartext-metadata/bad"], FIXTURES, { GITHUB_WORKSPACE: FIXTURES });
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe(
      "::error file=no-cleartext-metadata/bad/main.tf,line=11,col=3,endLine=11,endColumn=7,title=coder-secrets-lint(no-cleartext-metadata)::coder_metadata item \"VNC password\" of coder_metadata.workspace shows secret random_password.vnc.result (sensitive in the provider schema) in cleartext: add sensitive = true.",
    );
    expect(stdout.split("\n")[3]).toBe(
      '::warning file=seed/bad/main.tf,line=11,col=5,endLine=11,endColumn=63,title=coder-secrets-lint(require-sensitive-metadata)::Secret twilio_iam_api_key.api_key.secret (an attribute whose name says "secret") is injected as env "TWILIO_API_SECRET" of coder_agent.main without a coder_metadata item marked sensitive = true that shows the same secret.',
    );
  });
});

describe("JUnit", () => {
  it("writes a suite per file and a failing case per finding", () => {
    const { stdout } = runBin(["-f", "junit", "seed"], FIXTURES, { GITHUB_WORKSPACE: FIXTURES });
    expect(stdout).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<testsuites>",
        '  <testsuite package="coder-secrets-lint" time="0" tests="1" errors="0" failures="1" name="seed/bad/main.tf">',
        '    <testcase time="0" name="coder-secrets-lint.require-sensitive-metadata" classname="seed/bad/main.tf">',
        '      <failure message="Secret twilio_iam_api_key.api_key.secret (an attribute whose name says &quot;secret&quot;) is injected as env &quot;TWILIO_API_SECRET&quot; of coder_agent.main without a coder_metadata item marked sensitive = true that shows the same secret." type="warning"><![CDATA[seed/bad/main.tf:11:5 Secret twilio_iam_api_key.api_key.secret (an attribute whose name says "secret") is injected as env "TWILIO_API_SECRET" of coder_agent.main without a coder_metadata item marked sensitive = true that shows the same secret. (require-sensitive-metadata)]]></failure>',
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite package="coder-secrets-lint" time="0" tests="1" errors="0" failures="0" name="seed/good/main.tf">',
        '    <testcase time="0" name="coder-secrets-lint" classname="seed/good/main.tf" />',
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });
});

describe("ESLint formatter modules", () => {
  it("load by package name (eslint-formatter-<name>, from the user's global folders) or by path, called as ESLint calls them", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-formatter-"));
    cpSync(join(FIXTURES, "no-secret-parameters", "bad", "main.tf"), join(dir, "main.tf"));
    const body = 'module.exports = (results, data) => results.map((r) => r.messages.length + " in " + require("node:path").basename(r.filePath)).join("\\n") + " | " + data.cwd + " | " + Object.keys(data.rulesMeta).length + " rules";\n';
    // $HOME/.node_modules is one of Node's global folders: a package installed for the user, not by the linted tree
    const home = mkdtempSync(join(tmpdir(), "csl-home-"));
    mkdirSync(join(home, ".node_modules", "eslint-formatter-tiny"), { recursive: true });
    writeFileSync(join(home, ".node_modules", "eslint-formatter-tiny", "package.json"), JSON.stringify({ name: "eslint-formatter-tiny", main: "index.js" }));
    writeFileSync(join(home, ".node_modules", "eslint-formatter-tiny", "index.js"), body);
    writeFileSync(join(dir, "mine.cjs"), body);
    // an ES module formatter: the bundle imports it through its loader (src/formatters/import-module.ts)
    writeFileSync(join(dir, "mine.mjs"), `import path from "node:path";\nexport default ${body.replace("module.exports = ", "").replace('require("node:path")', "path")}`);
    const findings = (JSON.parse(runBin(["-f", "json", "main.tf"], dir).stdout) as { messages: unknown[] }[])[0]?.messages.length ?? 0;
    expect(findings).toBeGreaterThan(0);
    for (const format of ["tiny", "eslint-formatter-tiny", "./mine.cjs", "./mine.mjs"]) {
      const run = runBin(["-f", format, "main.tf"], dir, { HOME: home });
      expect(run.stdout).toBe(`${String(findings)} in main.tf | ${dir} | 8 rules\n`);
    }
    expect(runBin(["-f", "nope", "main.tf"], dir).code).toBe(2);
  });
});
