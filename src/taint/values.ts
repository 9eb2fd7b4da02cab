import { attr, literalString, type Module, typeKeyword } from "../model/module.js";
import type { Expr, Range } from "../model/types.js";
import { functionBehaviour, functionName } from "./functions.js";
import type { Hop } from "./types.js";

/**
 * What a value is, as far as the source says, read the same way by every sink and name check:
 *
 * - the entries of a map however it was built (an object literal, `merge()` of maps, a conditional
 *   between maps, `tomap()`/`try()`/`coalesce()`, a local holding any of these), each with its key,
 *   the expression that gives its value and where that entry was written;
 * - whether a value can hold a secret at all: an empty string, a boolean, a number, null, or
 *   `tostring()` of one of them cannot, however the key it is assigned to is named.
 */

export interface ValueScope {
  readonly file: string;
}

/** One entry of a map: its key (null when computed), its value and where it was written. */
export interface MapEntry {
  readonly key: string | null;
  readonly value: Expr;
  /** The file and range of the entry (`KEY = value`): where a finding about it is reported. */
  readonly file: string;
  readonly range: Range;
  /** The locals the map came through, outermost first (`local.env`). */
  readonly hops: readonly Hop[];
}

/** A part of a map whose keys are not known (`var.extra_env`, a `for` expression). */
export interface OpaquePart {
  readonly value: Expr;
  readonly file: string;
  readonly hops: readonly Hop[];
}

export interface MapValue {
  readonly entries: MapEntry[];
  readonly opaque: OpaquePart[];
}

/**
 * Map-building functions whose arguments are all maps that end up in the result: the function
 * table's keyed functions but lookup (which reads one key of one map).
 */
function isMapUnion(name: string): boolean {
  return functionBehaviour(name) === "keyed" && functionName(name) !== "lookup";
}

/** An expression whose entries mapEntries() reads itself: an object, a map union, a conditional. */
export function isMapExpression(expr: Expr): boolean {
  const current = unwrap(expr);
  return current.kind === "object" || current.kind === "conditional" || (current.kind === "call" && isMapUnion(current.name));
}
/** Locals followed at most this deep (a chain of locals, not a cycle). */
const MAX_LOCAL_DEPTH = 32;

function unwrap(expr: Expr): Expr {
  let current = expr;
  while (current.kind === "parens") current = current.expr;
  return current;
}

/** The local a traversal names when it is exactly `local.<name>`. */
function localName(expr: Expr): string | null {
  if (expr.kind !== "traversal" || expr.root !== "local" || expr.steps.length !== 1) return null;
  const step = expr.steps[0];
  return step?.kind === "attr" ? step.name : null;
}

/**
 * The entries of the map `expr` evaluates to. Every branch of a conditional and every argument of
 * `merge()` contributes its entries (a later `merge()` argument may override an earlier one: both
 * are kept, since either may be the one that flows). Iterative, with an explicit work list.
 */
export function mapEntries(module: Module, expr: Expr, file: string): MapValue {
  const entries: MapEntry[] = [];
  const opaque: OpaquePart[] = [];
  const work: { expr: Expr; file: string; hops: readonly Hop[]; depth: number }[] = [{ expr, file, hops: [], depth: 0 }];
  const visiting = new Set<string>();
  for (let item = work.pop(); item; item = work.pop()) {
    const current = unwrap(item.expr);
    if (current.kind === "object") {
      for (const entry of current.items) entries.push({ key: entry.keyName, value: entry.value, file: item.file, range: entry.range, hops: item.hops });
      continue;
    }
    if (current.kind === "conditional") {
      work.push({ ...item, expr: current.else }, { ...item, expr: current.then });
      continue;
    }
    if (current.kind === "call" && isMapUnion(current.name)) {
      for (let i = current.args.length - 1; i >= 0; i--) {
        const arg = current.args[i];
        if (arg) work.push({ ...item, expr: arg });
      }
      continue;
    }
    const name = localName(current);
    const local = name ? module.findLocal(name) : undefined;
    if (name && local && item.depth < MAX_LOCAL_DEPTH && !visiting.has(name)) {
      visiting.add(name);
      const hop: Hop = { label: `local.${name}`, file: local.file.path, range: local.node.nameRange };
      work.push({ expr: local.node.value, file: local.file.path, hops: [...item.hops, hop], depth: item.depth + 1 });
      continue;
    }
    // a literal null or empty value adds nothing; anything else is a map whose keys are unknown
    if (current.kind === "literal" && (current.value === null || current.value === "")) continue;
    opaque.push({ value: current, file: item.file, hops: item.hops });
  }
  return { entries, opaque };
}

/** The value of `map[key]` when the map's entries are known: the matching entries, or null when not. */
export function entriesForKey(module: Module, expr: Expr, file: string, key: string): MapValue {
  const all = mapEntries(module, expr, file);
  return { entries: all.entries.filter((e) => e.key === key || e.key === null), opaque: all.opaque };
}

/** Strings that are what tostring() makes of a boolean or a number, or nothing at all. */
const NO_TEXT_LITERAL = /^(?:|true|false|-?\d+(?:\.\d+)?)$/;

/** Parameter and variable types that hold no text. */
const NO_TEXT_TYPES = new Set(["bool", "number"]);

/**
 * Can this value hold a secret? Not when every value it can take is an empty string, a boolean, a
 * number or null, followed through locals, conditionals, parentheses, `tostring()`-like conversions,
 * comparisons and functions that return a boolean or a number. Anything unknown can.
 */
export function canHoldSecret(module: Module, expr: Expr): boolean {
  const work: { expr: Expr; depth: number }[] = [{ expr, depth: 0 }];
  const visiting = new Set<string>();
  for (let item = work.pop(); item; item = work.pop()) {
    const current = unwrap(item.expr);
    switch (current.kind) {
      case "literal":
        if (typeof current.value === "string" && !NO_TEXT_LITERAL.test(current.value)) return true;
        continue;
      case "template": {
        const text = literalString(current);
        if (text === null) {
          // only interpolations that cannot hold one either, with no literal text around them
          for (const part of current.parts) {
            if (part.kind === "literal" && part.value !== "") return true;
            if (part.kind === "interpolation") work.push({ expr: part.expr, depth: item.depth });
            else if (part.kind !== "literal") return true;
          }
        } else if (!NO_TEXT_LITERAL.test(text)) return true;
        continue;
      }
      case "conditional":
        work.push({ expr: current.then, depth: item.depth }, { expr: current.else, depth: item.depth });
        continue;
      case "operation":
        // arithmetic gives a number, comparisons and logic a boolean: no text either way
        continue;
      case "call": {
        const name = functionName(current.name);
        const behaviour = functionBehaviour(name);
        // a digest is text, though not the secret; a boolean or a number is no text
        if (behaviour === "hashes") return true;
        if (behaviour === "boolean" || behaviour === "number") continue;
        if (name === "tostring" || name === "tonumber" || name === "tobool") {
          const arg = current.args[0];
          if (arg) work.push({ expr: arg, depth: item.depth });
          continue;
        }
        return true;
      }
      case "traversal": {
        if (!noTextReference(module, current, visiting, item.depth, (next) => work.push(next))) return true;
        continue;
      }
      default:
        return true;
    }
  }
  return false;
}

/**
 * Is a reference known to hold no text? A bool or number variable or parameter does not; a local is
 * followed (its value pushed onto the work list).
 */
function noTextReference(
  module: Module,
  expr: Extract<Expr, { kind: "traversal" }>,
  visiting: Set<string>,
  depth: number,
  follow: (next: { expr: Expr; depth: number }) => void,
): boolean {
  const root = expr.root;
  const first = expr.steps[0];
  const firstName = first?.kind === "attr" ? first.name : null;
  if (root === "local" && firstName && expr.steps.length === 1) {
    const local = module.findLocal(firstName);
    if (!local || visiting.has(firstName) || depth >= MAX_LOCAL_DEPTH) return false;
    visiting.add(firstName);
    follow({ expr: local.node.value, depth: depth + 1 });
    return true;
  }
  if (root === "var" && firstName) {
    const variable = module.findVariable(firstName);
    const type = variable ? typeKeyword(attr(variable.node.body, "type")?.value) : null;
    return type !== null && NO_TEXT_TYPES.has(type);
  }
  if (root === "data" && firstName === "coder_parameter") {
    const second = expr.steps[1];
    const name = second?.kind === "attr" ? second.name : null;
    const block = name ? module.findData("coder_parameter", name) : undefined;
    if (!block) return false;
    const typeExpr = attr(block.node.body, "type")?.value;
    const type = literalString(typeExpr) ?? typeKeyword(typeExpr);
    return type !== null && NO_TEXT_TYPES.has(type);
  }
  return false;
}
