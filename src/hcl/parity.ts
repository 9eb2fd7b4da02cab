import { fileToJson, type JsonValue } from "./json-view.js";
import { parseFile } from "./parse.js";

/**
 * Checks our parser against the reference parser (@cdktf/hcl2json, HashiCorp's hclsyntax): both
 * accept or both reject a file, and on accepted files our JSON view equals theirs. Template strings
 * (anything with `${` or `%{`) are compared by the set of references they contain, since hcl2json
 * re-renders them lossily.
 */
const REFERENCE = /[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])+/g;

function references(text: string): string {
  return [...new Set(text.match(REFERENCE) ?? [])].sort().join(" ");
}

function isTemplate(value: string): boolean {
  return value.includes("${") || value.includes("%{");
}

export function diffJson(ours: JsonValue, theirs: JsonValue, path: string, out: string[]): void {
  if (typeof ours === "string" && typeof theirs === "string" && (isTemplate(ours) || isTemplate(theirs))) {
    if (references(ours) !== references(theirs)) out.push(`${path}: references ${JSON.stringify(references(ours))} != ${JSON.stringify(references(theirs))}`);
    return;
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (ours.length !== theirs.length) out.push(`${path}: length ${String(ours.length)} != ${String(theirs.length)}`);
    for (let i = 0; i < Math.min(ours.length, theirs.length); i++) diffJson(ours[i] ?? null, theirs[i] ?? null, `${path}[${String(i)}]`, out);
    return;
  }
  if (ours && theirs && typeof ours === "object" && typeof theirs === "object" && !Array.isArray(ours) && !Array.isArray(theirs)) {
    const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    for (const key of keys) {
      if (!(key in ours)) out.push(`${path}.${key}: missing in ours`);
      else if (!(key in theirs)) out.push(`${path}.${key}: extra in ours`);
      else diffJson(ours[key] ?? null, theirs[key] ?? null, `${path}.${key}`, out);
    }
    return;
  }
  if (ours !== theirs) out.push(`${path}: ${JSON.stringify(ours).slice(0, 120)} != ${JSON.stringify(theirs).slice(0, 120)}`);
}

type ReferenceOutcome = { ok: true; json: JsonValue } | { ok: false; error: string };

/** Answers by path and text: the test suite asks about each corpus file more than once. */
const answered = new Map<string, Promise<ReferenceOutcome>>();

/** Does the reference parser accept `text`? Its JSON when it does. */
export function referenceParse(path: string, text: string): Promise<ReferenceOutcome> {
  const key = `${path}\0${text}`;
  let outcome = answered.get(key);
  if (!outcome) {
    outcome = askReference(path, text);
    answered.set(key, outcome);
  }
  return outcome;
}

async function askReference(path: string, text: string): Promise<ReferenceOutcome> {
  const { parse } = await import("@cdktf/hcl2json");
  try {
    return { ok: true, json: (await parse(path, text)) as JsonValue };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

/**
 * The differences between our parser and the reference on one file: a disagreement on accepting it,
 * or the JSON view's differences. Empty when they agree.
 */
export async function compareWithReference(path: string, text: string): Promise<string[]> {
  const theirs = await referenceParse(path, text);
  const file = parseFile(path, text, path.endsWith(".tfvars") ? "tfvars" : "tf");
  const ourError = file.syntaxErrors[0];
  if (!theirs.ok) return ourError ? [] : [`the reference rejects it (${theirs.error.slice(0, 160)}), we accept it`];
  if (ourError) return [`the reference accepts it, we reject it at ${String(ourError.range.start.line)}:${String(ourError.range.start.column)}: ${ourError.message}`];
  const out: string[] = [];
  diffJson(fileToJson(file), theirs.json, "$", out);
  return out;
}
