import { type Catalog, isPublicKeyName, lastNameSegment, secretNameMatch, secretValueName } from "../catalog/index.js";
import { attr, literalBool, literalString, type Located, type Module, nestedBlocks, typeKeyword } from "../model/module.js";
import type { Attribute, Block, Body, Expr } from "../model/types.js";
import { type Scope, scopeIn, TaintAnalysis } from "./taint.js";
import type { Taint } from "./types.js";
import { mapEntries } from "./values.js";

export type EvidenceKind = "name" | "display-name" | "description" | "mask-input" | "validation-regex" | "textarea" | "sink";

export interface ParameterEvidence {
  readonly kind: EvidenceKind;
  /** Human text: `its name says "token"`, `its value reaches env "GITHUB_TOKEN"`. */
  readonly text: string;
}

export interface SecretParameter {
  readonly block: Located<Block>;
  readonly evidence: readonly ParameterEvidence[];
}

/** A place where a value is used as a credential: a secret-named env key, a sensitive argument, ... */
export interface SecretSink {
  readonly description: string;
  readonly expr: Expr;
  readonly scope: Scope;
}

/** Form types that pick from fixed options: what they collect is not typed in by the user. */
const CHOICE_FORM_TYPES = new Set(["radio", "dropdown", "checkbox", "switch", "multi-select", "slider", "tag-select"]);

/** Token prefixes that, in a validation regex, show the parameter expects a credential. */
const TOKEN_REGEX_HINTS = /ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|sk-|sk_live|xox[abposr]|AKIA|hf_|npm_|dop_v1_|pypi-|SG\.|eyJ/;

/** Parameters that cannot hold a typed-in secret: numbers, booleans, fixed choices. */
function isExcludedParameter(block: Block): boolean {
  const body = block.body;
  const type = literalString(attr(body, "type")?.value) ?? typeKeyword(attr(body, "type")?.value);
  if (type === "number" || type === "bool") return true;
  const formType = literalString(attr(body, "form_type")?.value);
  if (formType && CHOICE_FORM_TYPES.has(formType)) return true;
  return nestedBlocks(body, "option").length > 0;
}

/**
 * A parameter whose name alone would say "public key" (`ssh_key`, `ssh_public_key`): its name is
 * no evidence of a secret, but it does not excuse what the rest of the block or its use says.
 */
function publicKeyNamed(block: Block): boolean {
  const body = block.body;
  const names = [block.labels[1] ?? "", literalString(attr(body, "name")?.value) ?? "", literalString(attr(body, "display_name")?.value) ?? ""];
  return names.some((n) => (isPublicKeyName(n) || /(?:^|[^a-z])ssh[ _-]?keys?(?:$|[^a-z])/i.test(n)) && !/private/i.test(n));
}

/** What a description says when it asks for a private key. */
const PRIVATE_KEY_WORDS = /\bprivate\s+key\b|\bid_(?:rsa|ed25519|ecdsa)\b(?!\.pub)|BEGIN [A-Z ]*PRIVATE KEY/gi;

/**
 * A negation in the same clause before a mention ("never the private key", "not your password",
 * "no secret needed", "instead of", "rather than", "do not paste"): up to five words back, not past
 * a sentence or clause boundary.
 */
const NEGATION_BEFORE = /(?:^|[\s(])(?:never|not|no|don'?t|doesn'?t|without|instead\s+of|rather\s+than)(?:\s+\S+){0,4}\s*$/i;

/** Does a description ask for what `words` name, that is, mention it other than after a negation? */
function asksFor(description: string, words: RegExp): boolean {
  words.lastIndex = 0;
  for (const match of description.matchAll(words)) {
    const clauseStart = Math.max(description.lastIndexOf(".", match.index - 1), description.lastIndexOf(";", match.index - 1), description.lastIndexOf(",", match.index - 1)) + 1;
    if (!NEGATION_BEFORE.test(description.slice(clauseStart, match.index))) return true;
  }
  return false;
}

/** Last words of a name that hold something about a key, not the key: `ssh_key_filename`, `key_path`. */
const NOT_THE_KEY = /(?:^|[^a-z])(?:file|filename|path|name|dir|directory|id|type|format|url|length|count)$/i;

/** What says a key parameter is private after all: its words, masking, a multi-line input, or its use. */
function privateKeyEvidence(block: Block): ParameterEvidence[] {
  const body = block.body;
  const evidence: ParameterEvidence[] = [];
  const name = literalString(attr(body, "name")?.value) ?? block.labels[1] ?? "";
  if (NOT_THE_KEY.test(name)) return evidence;
  const display = literalString(attr(body, "display_name")?.value) ?? "";
  const description = literalString(attr(body, "description")?.value) ?? "";
  if (/\bprivate\b/i.test(display)) evidence.push({ kind: "display-name", text: 'its display name says "private"' });
  else if (asksFor(description, PRIVATE_KEY_WORDS)) evidence.push({ kind: "description", text: "its description asks for a private key" });
  // a display name that says "public" is believed: masking or a textarea do not make it private
  if (isPublicKeyName(display) || /\bpublic\b/i.test(display)) return evidence;
  if (masksInput(attr(body, "styling")?.value)) evidence.push({ kind: "mask-input", text: "it masks its input (styling mask_input = true)" });
  if (literalString(attr(body, "form_type")?.value) === "textarea") evidence.push({ kind: "textarea", text: "it takes a multi-line value (form_type = textarea), as a private key is" });
  return evidence;
}

/** A sink that takes a private key or a password: where a key parameter's value shows what it is. */
function privateSink(description: string): boolean {
  return /private[_ ]?key|password|passphrase/i.test(description);
}

/** Is `mask_input` switched on in `styling` (as `jsonencode({...})` or a JSON string)? */
function masksInput(expr: Expr | undefined): boolean {
  if (!expr) return false;
  if (expr.kind === "call" && expr.name === "jsonencode" && expr.args[0]?.kind === "object") {
    const item = expr.args[0].items.find((i) => i.keyName === "mask_input");
    return item ? literalBool(item.value) === true : false;
  }
  const text = literalString(expr);
  return text !== null && /"mask_input"\s*:\s*true/.test(text);
}

function tokenShapedRegex(regex: string | null): boolean {
  if (!regex) return false;
  if (TOKEN_REGEX_HINTS.test(regex)) return true;
  // a long run of token characters: [A-Za-z0-9]{32} or [a-f0-9]{40,}
  const m = /\[[^\]]*(?:A-Z|a-z|0-9|a-f)[^\]]*\]\{(\d+)(?:,\d*)?\}/.exec(regex);
  return m !== null && Number(m[1]) >= 20;
}

export function intrinsicEvidence(block: Block): ParameterEvidence[] {
  const body = block.body;
  const evidence: ParameterEvidence[] = [];
  const label = block.labels[1] ?? "";
  const name = literalString(attr(body, "name")?.value);
  const nameWord = secretNameMatch(name ?? label) ?? secretNameMatch(label);
  if (nameWord) evidence.push({ kind: "name", text: `its name says "${nameWord}"` });
  const displayWord = secretNameMatch(literalString(attr(body, "display_name")?.value) ?? "");
  if (displayWord && !nameWord) evidence.push({ kind: "display-name", text: `its display name says "${displayWord}"` });
  if (masksInput(attr(body, "styling")?.value)) evidence.push({ kind: "mask-input", text: "it masks its input (styling mask_input = true)" });
  for (const validation of nestedBlocks(body, "validation")) {
    if (tokenShapedRegex(literalString(attr(validation.body, "regex")?.value))) {
      evidence.push({ kind: "validation-regex", text: "its validation regex matches a token" });
    }
  }
  return evidence;
}

/** An attribute of a body or of its nested blocks: its path inside the body (`[..."block types", name]`). */
interface DeepAttribute {
  readonly name: string;
  readonly expr: Expr;
  readonly path: readonly string[];
}

/**
 * Attributes of a body and its nested blocks (not `dynamic` ones), in source order, iteratively.
 * Paths are arrays: the catalog looks them up by segment, and a message's dotted path is joined
 * only for the few attributes that become sinks.
 */
function deepAttributes(body: Body): DeepAttribute[] {
  const out: DeepAttribute[] = [];
  const work: { items: readonly (Attribute | Block)[]; index: number; path: readonly string[] }[] = [{ items: body.items, index: 0, path: [] }];
  while (work.length > 0) {
    const top = work[work.length - 1] as (typeof work)[number];
    const item = top.items[top.index++];
    if (!item) {
      work.pop();
      continue;
    }
    if (item.kind === "attribute") out.push({ name: item.name, expr: item.value, path: [...top.path, item.name] });
    else if (item.type !== "dynamic") work.push({ items: item.body.items, index: 0, path: [...top.path, item.type] });
  }
  return out;
}

/**
 * Nested blocks that pair a name with a value (Kubernetes `env { name, value }`, Helm `set` and
 * `set_sensitive`): the name names the value. Iterative over the block tree.
 */
function nameValuePairs(body: Body, path: string): { name: string; fullName: string; value: Expr; path: string }[] {
  const out: { name: string; fullName: string; value: Expr; path: string }[] = [];
  const work: { body: Body; path: string }[] = [{ body, path }];
  for (let item = work.pop(); item; item = work.pop()) {
    for (const child of item.body.items) {
      if (child.kind !== "block" || child.type === "dynamic") continue;
      const childPath = `${item.path}.${child.type}`;
      const fullName = literalString(attr(child.body, "name")?.value);
      const value = attr(child.body, "value")?.value;
      if (fullName && value) out.push({ name: lastNameSegment(fullName), fullName, value, path: childPath });
      work.push({ body: child.body, path: childPath });
    }
  }
  return out;
}

/** `"GITHUB_TOKEN=${...}"` entries of a container `env` list: the key names the secret. */
function envListEntries(expr: Expr): { key: string; expr: Expr }[] {
  if (expr.kind !== "tuple") return [];
  const out: { key: string; expr: Expr }[] = [];
  for (const item of expr.items) {
    if (item.kind !== "template") continue;
    const first = item.parts[0];
    const key = first?.kind === "literal" ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value)?.[1] : undefined;
    if (key) out.push({ key, expr: item });
  }
  return out;
}

/**
 * Places where a value is used as a credential. A parameter that reaches one of them collects a
 * secret whatever it is called.
 */
export function secretSinks(module: Module, taint: TaintAnalysis, catalog: Catalog): SecretSink[] {
  const sinks: SecretSink[] = [];
  const nameSays = secretValueName;
  for (const block of [...module.resources(), ...module.dataSources()]) {
    const [type = "", name = ""] = block.node.labels;
    const kind = block.node.type === "data" ? "data" : "resource";
    const scope = taint.blockScope(block);
    const ref = `${kind === "data" ? "data." : ""}${type}.${name}`;
    if (type === "coder_parameter" || type === "coder_metadata") continue;
    if (type === "coder_agent") {
      const env = attr(block.node.body, "env")?.value;
      if (env) {
        for (const entry of mapEntries(module, env, block.file.path).entries) {
          const entryScope = scopeIn(entry.file, scope);
          if (entry.key && nameSays(entry.key)) sinks.push({ description: `env "${entry.key}" of ${ref}`, expr: entry.value, scope: entryScope });
        }
      }
      continue;
    }
    if (type === "coder_env") {
      const envName = literalString(attr(block.node.body, "name")?.value);
      const value = attr(block.node.body, "value");
      if (envName && value && nameSays(envName)) sinks.push({ description: `env "${envName}" (${ref})`, expr: value.value, scope });
      continue;
    }
    if (type.startsWith("coder_")) continue;
    for (const pair of nameValuePairs(block.node.body, ref)) {
      if (nameSays(pair.name)) sinks.push({ description: `${pair.path} "${pair.fullName}"`, expr: pair.value, scope });
    }
    for (const a of deepAttributes(block.node.body)) {
      if (nameSays(a.name) || catalog.lookup(kind, type, a.path)) sinks.push({ description: `${ref}.${a.path.join(".")}`, expr: a.expr, scope });
      if (a.name === "env") {
        for (const entry of envListEntries(a.expr)) {
          if (nameSays(entry.key)) sinks.push({ description: `env "${entry.key}" of ${ref}`, expr: entry.expr, scope });
        }
      }
    }
  }
  for (const provider of module.blocks("provider")) {
    const scope = { file: provider.file.path, bindings: new Map() };
    for (const a of deepAttributes(provider.node.body)) {
      if (nameSays(a.name)) sinks.push({ description: `provider credential provider.${provider.node.labels[0] ?? ""}.${a.path.join(".")}`, expr: a.expr, scope });
    }
  }
  for (const call of module.blocks("module")) {
    const scope = taint.blockScope(call);
    for (const item of call.node.body.items) {
      if (item.kind === "attribute" && nameSays(item.name)) sinks.push({ description: `module.${call.node.labels[0] ?? ""}.${item.name}`, expr: item.value, scope });
    }
  }
  for (const local of module.locals()) {
    if (nameSays(local.node.name)) {
      sinks.push({ description: `local.${local.node.name}`, expr: local.node.value, scope: { file: local.file.path, bindings: new Map() } });
    }
  }
  return sinks;
}

/**
 * Everything the rules need to know about the secrets of one module: which parameters collect a secret
 * (and why), and the taint analysis that treats them as sources.
 */
export class ModuleAnalysis {
  readonly secretParameters = new Map<string, SecretParameter>();
  readonly taint: TaintAnalysis;

  /**
   * `inputs`: what each input variable carries, when the module is analysed as called (a module's
   * summary marks every input as a source of its own, kind "module-input").
   */
  constructor(
    readonly module: Module,
    readonly catalog: Catalog,
    inputs?: ReadonlyMap<string, Taint>,
  ) {
    const candidates = new Map<string, { block: Located<Block>; evidence: ParameterEvidence[]; publicKey: boolean }>();
    for (const block of module.dataSources("coder_parameter")) {
      if (isExcludedParameter(block.node)) continue;
      const publicKey = publicKeyNamed(block.node);
      // evidence is read together: a public-key name is no evidence, but it excuses nothing else
      const evidence = publicKey ? privateKeyEvidence(block.node) : intrinsicEvidence(block.node);
      candidates.set(block.node.labels[1] ?? "", { block, evidence, publicKey });
    }
    if (candidates.size > 0) {
      // Follow every parameter once to see which ones end up used as credentials.
      const exploratory = new TaintAnalysis(module, catalog, { secretParameters: "all", ...(inputs ? { inputs } : {}) });
      for (const sink of secretSinks(module, exploratory, catalog)) {
        const taint: Taint = exploratory.taintOf(sink.expr, sink.scope);
        for (const trace of taint) {
          if (trace.source.kind !== "parameter-candidate") continue;
          const name = trace.source.id.split(".")[2] ?? "";
          const candidate = candidates.get(name);
          if (candidate && !candidate.evidence.some((e) => e.kind === "sink") && (!candidate.publicKey || privateSink(sink.description))) {
            candidate.evidence.push({ kind: "sink", text: `its value is used as ${sink.description}` });
          }
        }
      }
    }
    for (const [name, candidate] of candidates) {
      if (candidate.evidence.length > 0) this.secretParameters.set(name, candidate);
    }
    this.taint = new TaintAnalysis(module, catalog, { secretParameters: new Set(this.secretParameters.keys()), ...(inputs ? { inputs } : {}) });
  }
}
