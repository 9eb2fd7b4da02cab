import { fileToJson, type JsonValue } from "./json-view.js";
import { parseFile } from "./parse.js";
import { initTreeSitter } from "./tree-sitter.js";

/**
 * Checks our JSON view against the reference parser. Template strings (anything with `${` or `%{`)
 * are compared by the set of references they contain, since hcl2json re-renders them lossily.
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

export async function compareWithReference(path: string, text: string): Promise<string[]> {
  await initTreeSitter();
  const { parse } = await import("@cdktf/hcl2json");
  let theirs: JsonValue;
  try {
    theirs = (await parse(path, text)) as JsonValue;
  } catch (error) {
    return [`reference parser failed: ${String(error).slice(0, 200)}`];
  }
  const ours = fileToJson(parseFile(path, text, "tf"));
  const out: string[] = [];
  diffJson(ours, theirs, "$", out);
  return out;
}
