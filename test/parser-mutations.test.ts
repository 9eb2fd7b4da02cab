import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fg from "fast-glob";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceParse } from "../src/hcl/parity.js";
import { parseFile } from "../src/hcl/parse.js";
import { FIXTURES, ROOT } from "./helpers.js";

/**
 * Accept/reject agreement with @cdktf/hcl2json (HashiCorp's hclsyntax) on mutants of real files:
 * characters and tokens deleted, duplicated or inserted. A file the reference rejects must never be
 * linted as if it were fine, and a file it accepts must not be refused. MUTATION_RUNS mutants in
 * `npm test` (default 1,000); a longer campaign: MUTATION_RUNS=20000 MUTATION_SEED=<n> npx vitest run
 * test/parser-mutations.test.ts (see README). Disagreements we accept are listed in KNOWN, each with
 * its reason.
 */
const SEED = Number(process.env.MUTATION_SEED ?? 20261129);
const RUNS = Number(process.env.MUTATION_RUNS ?? 1000);
const CORPUS = resolve(process.env.CORPUS_DIR ?? join(ROOT, "..", "shared", "corpus"));

/** Seed texts: the corpus when present (spread over its repositories), else our fixtures. */
function seeds(): string[] {
  const fromCorpus = existsSync(CORPUS) ? fg.sync("**/*.tf", { cwd: CORPUS, absolute: true, dot: true }).sort() : [];
  const files = fromCorpus.length > 0 ? fromCorpus.filter((_, i) => i % 7 === 0) : fg.sync("**/*.tf", { cwd: FIXTURES, absolute: true, ignore: ["syntax-error/**"] }).sort();
  // small files keep the reference parser fast; every seed is cut to its first 3,000 characters on a line end
  return files.map((f) => {
    const text = readFileSync(f, "utf8");
    const cut = text.length > 3000 ? text.slice(0, text.indexOf("\n", 3000) + 1 || undefined) : text;
    return cut;
  });
}

const TOKENS = ["{", "}", "[", "]", "(", ")", "\"", "=", ",", "\n", "${", "%{", "}", "<<EOT\n", "EOT\n", "#", "//", "/*", "*/", ".", "*", "?", ":", "=>", "...", "!", "-", "&&", "==", "\\", "~", "for ", " in ", "if ", "x", "1", " ", "\t", "\r\n", "$", "%", "::", "é"];

type Mutation = { kind: "delete"; at: number; length: number } | { kind: "duplicate"; at: number; length: number } | { kind: "insert"; at: number; token: string };

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === "delete") out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === "duplicate") out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
    else out = out.slice(0, at) + m.token + out.slice(at);
  }
  return out;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
);

/**
 * Disagreements we accept, by what the mutant holds: hclsyntax decisions we do not copy, each with
 * its reason. A mutant is excused only when the predicate says the difference comes from that.
 */
export const KNOWN: readonly { readonly reason: string; readonly applies: (text: string, weAccept: boolean) => boolean }[] = [
  {
    reason: "a NUL character is a syntax error for us anywhere, inside strings too (hclsyntax takes it in a string): a file with a NUL must never be linted as if it were fine (the CLI reports such a file as binary before parsing)",
    applies: (text, weAccept) => !weAccept && text.includes("\0"),
  },
];

describe("accept/reject agrees with @cdktf/hcl2json on mutated real files", () => {
  it(`on ${String(RUNS)} mutants (seed ${String(SEED)})`, async () => {
    const texts = seeds();
    expect(texts.length).toBeGreaterThan(5);
    const disagreements: string[] = [];
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (index, mutations) => {
        const text = mutate(texts[index] ?? "", mutations);
        const ours = parseFile("/m/main.tf", text, "tf");
        const weAccept = ours.syntaxErrors.length === 0;
        const theirs = await referenceParse("main.tf", text);
        if (!theirs.ok) rejected++;
        if (weAccept === theirs.ok) return;
        if (KNOWN.some((k) => k.applies(text, weAccept))) return;
        disagreements.push(`${weAccept ? "we accept, hcl2json rejects" : "we reject, hcl2json accepts"}: ${JSON.stringify(text.slice(0, 0))}seed file #${String(index)}, ${JSON.stringify(mutations)}\n    ours: ${ours.syntaxErrors[0]?.message ?? "ok"}\n    theirs: ${theirs.ok ? "ok" : theirs.error.slice(0, 200)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`mutants: ${String(RUNS)}, rejected by hcl2json: ${String(rejected)}, disagreements: ${String(disagreements.length)}`);
    // a campaign in which nothing is rejected would test nothing
    expect(rejected).toBeGreaterThan(RUNS / 10);
    expect(disagreements).toEqual([]);
  }, 600_000);
});
