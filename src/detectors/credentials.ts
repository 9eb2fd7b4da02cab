import { isCredentialValue, type NamedValue, scanConfigAssignments, scanEmbedded, scanUrlQueries } from "./assignments.js";
import { mask, writtenForms } from "./mask.js";
import { scanKnownFormats } from "./scan.js";
import { lowerBound, patternStartsWithin } from "../model/text-index.js";
import { lastNameSegment, SECRET_NAME_HINT, secretNameMatch, secretValueName } from "../catalog/index.js";
import { attr, literalString, nestedBlocks, subExpressions, typeKeyword } from "../model/module.js";
import { endOffsetOf, startOffsetOf } from "../model/positions.js";
import type { Attribute, Block, Body, Expr, HclFile, Range } from "../model/types.js";

/** A credential found in a file. Offsets are of the secret itself; `data` holds only its masked form. */
export interface Hit {
  readonly start: number;
  readonly end: number;
  readonly secret: string;
  readonly messageId: "knownFormat" | "namedLiteral";
  readonly data: Record<string, string>;
}

/** The offsets of a literal's characters: a quoted string without escapes maps 1:1 inside its quotes. */
function literalSpan(file: HclFile, expr: Expr, value: string): { start: number; end: number } | null {
  const start = expr.range.start.offset;
  const end = expr.range.end.offset;
  const raw = file.text.slice(start, end);
  const at = raw.indexOf(value);
  if (at >= 0) return { start: start + at, end: start + at + value.length };
  return null;
}

/** Checks a value written in a secret-named place (`password = "..."`, `{ TOKEN = "..." }`). */
function checkNamedLiteral(file: HclFile, name: string, expr: Expr, where: string, hits: Hit[]): void {
  const word = secretValueName(name);
  if (!word) return;
  const value = literalString(expr);
  if (value === null || !isCredentialValue(value, word, name)) return;
  const span = literalSpan(file, expr, value) ?? { start: expr.range.start.offset, end: expr.range.end.offset };
  hits.push({ ...span, secret: value, messageId: "namedLiteral", data: { where, masked: mask(value) } });
}

/**
 * What the source of a block, an attribute or an expression must contain for the checks below to
 * find anything there: a secret name's stem, the SQL and mysql shapes that name the password
 * themselves, or a backslash (an escape may spell a name). Found once per file (text-index), so a
 * block, attribute or expression without any is passed over whole, without a walk: on the corpus,
 * three blocks in five.
 */
const NAMED_VALUE_HINTS = new RegExp(`${SECRET_NAME_HINT.source}|identified|mysql|\\\\`, "gi");

function mayHoldNamedValue(file: HclFile, range: Range): boolean {
  return patternStartsWithin(file, NAMED_VALUE_HINTS, startOffsetOf(range), endOffsetOf(range));
}

/**
 * In one walk of an expression: object items anywhere (env maps, preset parameters, locals, tfvars
 * objects), and with `heredocs`, shell text in heredocs (`export API_TOKEN=...`, `--password ...`).
 */
function checkInside(file: HclFile, expr: Expr, heredocs: boolean, hits: Hit[]): void {
  if (!mayHoldNamedValue(file, expr.range)) return;
  for (const sub of subExpressions(expr)) {
    if (sub.kind === "object") {
      for (const item of sub.items) {
        if (item.keyName !== null) checkNamedLiteral(file, item.keyName, item.value, `key "${item.keyName}"`, hits);
      }
    } else if (sub.kind === "tuple") {
      // env = ["DB_PASSWORD=...", ...], command = ["docker", "run", "-e", "API_TOKEN=..."]
      for (const item of sub.items) checkKeyValueString(file, item, hits);
    } else if (heredocs && sub.kind === "template" && sub.heredoc) {
      for (const part of sub.parts) {
        if (part.kind !== "literal") continue;
        const start = part.range.start.offset;
        for (const found of scanEmbedded(file.text.slice(start, part.range.end.offset), start)) {
          hits.push(namedHit(found, embeddedWhere(found)));
        }
      }
    }
  }
}

/** A finding for a value a text scanner found under a secret name. */
function namedHit(found: NamedValue, where: string): Hit {
  return { start: found.start, end: found.end, secret: found.value, messageId: "namedLiteral", data: { where, masked: mask(found.value) } };
}

/** `shell API_TOKEN`, `YAML password`, `SQL password`: the language a scanner read, and the name. */
function embeddedWhere(found: NamedValue): string {
  return `${found.language ?? "shell"} ${found.name}`;
}

/** A `KEY=value` string (a container env list entry, a `-e` argument): the key names the value. */
function checkKeyValueString(file: HclFile, expr: Expr, hits: Hit[]): void {
  const text = literalString(expr);
  const pair = text === null ? null : /^([A-Za-z_][A-Za-z0-9_]{0,80})=(.+)$/s.exec(text);
  if (!pair) return;
  const [, key = "", value = ""] = pair;
  const word = secretValueName(key);
  if (!word || !isCredentialValue(value, word, key)) return;
  const span = literalSpan(file, expr, `${key}=${value}`);
  const start = span ? span.start + key.length + 1 : expr.range.start.offset;
  hits.push({ start, end: span ? span.end : expr.range.end.offset, secret: value, messageId: "namedLiteral", data: { where: `env entry "${key}"`, masked: mask(value) } });
}

/**
 * Name/value pairs: Kubernetes `env { name = "DB_PASSWORD", value = ... }`, Helm `set` and
 * `set_sensitive { name = "auth.password", value = ... }`, `coder_env` `name`/`value`: the name
 * names the value.
 */
function checkNameValuePair(file: HclFile, block: Block, path: string, hits: Hit[]): void {
  const name = literalString(attr(block.body, "name")?.value);
  const value = attr(block.body, "value")?.value;
  if (!name || !value) return;
  checkNamedLiteral(file, lastNameSegment(name), value, `${path.replace(/\.$/, "")} (name "${name}")`, hits);
}

function isSecretParameter(block: Block): boolean {
  const names = [block.labels[1] ?? "", literalString(attr(block.body, "name")?.value) ?? "", literalString(attr(block.body, "display_name")?.value) ?? ""];
  return names.some((n) => secretValueName(n) !== null);
}

function checkBody(file: HclFile, body: Body, path: string, hits: Hit[]): void {
  for (const item of body.items) {
    if (!mayHoldNamedValue(file, item.range)) continue;
    if (item.kind === "attribute") {
      checkNamedLiteral(file, item.name, item.value, `${path}${item.name}`, hits);
      checkInside(file, item.value, true, hits);
    } else checkBlock(file, item, `${path}${item.type}.`, hits);
  }
}

function checkBlock(file: HclFile, block: Block, path: string, hits: Hit[]): void {
  const body = block.body;
  if (block.type === "variable") {
    const type = typeKeyword(attr(body, "type")?.value);
    const defaultValue = attr(body, "default")?.value;
    const name = block.labels[0] ?? "";
    if (defaultValue && type !== "bool" && type !== "number") {
      checkNamedLiteral(file, name, defaultValue, `default of variable "${name}"`, hits);
      checkInside(file, defaultValue, false, hits);
    }
    return;
  }
  if (block.type === "data" && block.labels[0] === "coder_parameter") {
    const label = block.labels[1] ?? "";
    if (isSecretParameter(block)) {
      const word = secretNameMatch(label) ?? "secret";
      const values = [attr(body, "default")?.value, ...nestedBlocks(body, "option").map((o) => attr(o.body, "value")?.value)];
      for (const value of values) {
        if (value) checkNamedLiteral(file, word, value, `default of parameter "${label}"`, hits);
      }
    }
    return;
  }
  if (block.type === "item") {
    // a coder_metadata item whose key names a secret and whose value spells one out
    const key = literalString(attr(body, "key")?.value);
    const value = attr(body, "value")?.value;
    if (key && value) checkNamedLiteral(file, key, value, `metadata item "${key}"`, hits);
  }
  const labels = block.labels.length > 0 ? `${block.labels.join(".")}.` : "";
  checkNameValuePair(file, block, `${path}${labels}`, hits);
  checkBody(file, body, `${path}${labels}`, hits);
}

/** Credentials by file: the rule, the output masking and the fix builder all ask about one file. */
const credentialsByFile = new WeakMap<HclFile, readonly Hit[]>();

/**
 * Every credential written in a file: known formats anywhere in its text, and literals in
 * secret-named places (attributes, keys, defaults, shell text, comments). Offsets are of the secret.
 * Computed once per parsed file.
 */
export function findCredentials(file: HclFile): readonly Hit[] {
  let hits = credentialsByFile.get(file);
  if (!hits) {
    hits = scanFile(file);
    credentialsByFile.set(file, hits);
  }
  return hits;
}

function scanFile(file: HclFile): Hit[] {
  const hits: Hit[] = [];
  for (const found of scanKnownFormats(file.text)) {
    hits.push({
      start: found.start,
      end: found.end,
      secret: found.secret,
      messageId: "knownFormat",
      data: { name: found.detector.name, detector: found.detector.id, masked: mask(found.secret) },
    });
  }
  if (file.kind === "tftpl") {
    for (const found of scanEmbedded(file.text)) hits.push(namedHit(found, embeddedWhere(found)));
  } else {
    for (const item of file.body.items) {
      if (!mayHoldNamedValue(file, item.range)) continue;
      if (item.kind === "block") checkBlock(file, item, `${item.type}.`, hits);
      else checkBody(file, { items: [item] }, "", hits);
    }
  }
  // secret-named query parameters of URLs written anywhere: strings, heredocs, comments, .tftpl
  for (const found of scanUrlQueries(file.text)) hits.push(namedHit(found, `URL query parameter "${found.name}"`));
  for (const comment of file.comments) {
    for (const found of scanConfigAssignments(comment.text, comment.range.start.offset)) hits.push(namedHit(found, `a comment (${found.name})`));
  }
  return dedupe(hits);
}

/** One finding per secret: a known format wins over a name-based finding on the same text. */
function dedupe(hits: Hit[]): Hit[] {
  const ordered = [...hits].sort((a, b) => (a.messageId === b.messageId ? a.start - b.start : a.messageId === "knownFormat" ? -1 : 1));
  // kept hits never overlap one another, so sorted by start only the neighbours of a new hit can
  // overlap it: a binary search per hit instead of a scan of all kept hits
  const kept: Hit[] = [];
  for (const hit of ordered) {
    const at = lowerBound(kept, (k) => k.start, hit.start);
    const before = kept[at - 1];
    const after = kept[at];
    if ((before && before.end > hit.start) || (after && after.start < hit.end)) continue;
    kept.splice(at, 0, hit);
  }
  return kept;
}



/**
 * For fixes: may this attribute's line be re-written? Not when it holds a credential, which a fix
 * text (printed by `--format json` and ESLint) must never carry.
 */
export function holdsNoCredential(file: HclFile): (attribute: Attribute) => boolean {
  // every form each credential can be written in (`"kR9\"vT2"`), computed once per file
  let forms: string[] | null = null;
  return (attribute) => {
    forms ??= findCredentials(file).flatMap((c) => writtenForms(c.secret));
    const text = file.text.slice(attribute.range.start.offset, attribute.range.end.offset);
    return !forms.some((form) => text.includes(form));
  };
}
