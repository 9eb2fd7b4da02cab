import { attr, literalString, type Module, typeKeyword } from "../model/module.js";
import type { Expr, Range, TraversalStep } from "../model/types.js";
import { functionBehaviour, functionName } from "./functions.js";
import type { Hop } from "./types.js";

/**
 * What a value is, as far as the source says, read the same way by every sink and name check: one
 * abstract value per expression (see AbstractValue), computed by following locals, conditionals,
 * the function table's keyed functions (`merge()`, `tomap()`, `try()`, `coalesce()`, `lookup()`,
 * `zipmap()`), object `for` expressions that keep their keys, and static keys (`local.m.k`,
 * `merge(...)["k"]`). Two readers serve the rules and the taint analysis:
 *
 * - mapEntries: the entries of a map however it was built, each with its key, the expression that
 *   gives its value (its taint is that expression's) and where that entry was written;
 * - canHoldSecret: whether a value can hold a secret at all (an empty string, a boolean, a number,
 *   null, or text built only from them cannot, however the key it is assigned to is named).
 */

/** One entry of a map: its key (null when computed), its value and where it was written. */
export interface MapEntry {
  readonly key: string | null;
  /** The key as written, when it is computed (`(data.coder_parameter.x.name)`): for messages. */
  readonly keyExpr?: Expr;
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

/** How a keyed function builds its result: `merge()`-like unions, `lookup()` of one key, `zipmap()` of two lists. */
type KeyedShape = "union" | "lookup" | "zip";

function keyedShape(name: string): KeyedShape | null {
  if (functionBehaviour(name) !== "keyed") return null;
  const bare = functionName(name);
  return bare === "lookup" ? "lookup" : bare === "zipmap" ? "zip" : "union";
}

/** Locals followed at most this deep (a chain of locals, not a cycle). */
const MAX_LOCAL_DEPTH = 32;
/**
 * How deep the evaluation of one value goes (nested calls, conditionals, locals): past it a value is
 * unknown, which is the safe answer (it may hold a secret, its keys are not known). Input depth
 * never becomes unbounded stack depth.
 */
const MAX_VALUE_DEPTH = 64;

/** An expression without the parentheses around it. */
export function unwrap(expr: Expr): Expr {
  let current = expr;
  while (current.kind === "parens") current = current.expr;
  return current;
}

/**
 * The abstract value of an expression: what it is as far as the source says, each part with the
 * expression that gives it (its taint is that expression's) and where it was written.
 *
 * - `map`: entries with known keys (and parts whose keys are not known)
 * - `text`: a string, with whether it can hold a secret (an empty string, `"true"`, `"42"`, or text
 *   built only from booleans and numbers cannot)
 * - `bool`, `number`, `null`: no text at all
 * - `tuple`: a list written out
 * - `either`: one of several (a conditional's branches, `lookup()`'s entry or default)
 * - `unknown`: anything else (a variable, a resource attribute, a function result)
 *
 * Every value keeps its `origin` (the expression, its file and the locals it came through): where
 * a part whose shape is not known is reported, and whose taint is followed.
 */
export type AbstractValue =
  | { readonly kind: "map"; readonly entries: readonly MapEntry[]; readonly opaque: readonly OpaquePart[]; readonly origin: OpaquePart }
  | { readonly kind: "text"; readonly literal: string | null; readonly canHold: boolean; readonly origin: OpaquePart }
  | { readonly kind: "bool" | "number" | "null"; readonly origin: OpaquePart }
  | { readonly kind: "tuple"; readonly items: readonly Expr[]; readonly origin: OpaquePart }
  | { readonly kind: "either"; readonly options: readonly AbstractValue[]; readonly origin: OpaquePart }
  | { readonly kind: "unknown"; readonly origin: OpaquePart };

/** Operators whose result is a boolean (the others give a number). */
const BOOLEAN_OPERATORS = new Set(["==", "!=", "<", ">", "<=", ">=", "&&", "||", "!"]);

/**
 * One evaluation's state: the locals being followed on the current path (a local that refers back
 * to itself is a cycle), each local's value once evaluated, and the steps taken. Locals that use
 * another local twice, nested (`a = merge(local.b, local.b)`, `b = merge(local.c, local.c)`, ...),
 * are evaluated once each; MAX_STEPS bounds what is left (past it a value is unknown, the safe
 * answer).
 */
interface Visiting {
  readonly locals: Set<string>;
  /** Each local's value, evaluated once per evaluation (through the first path that reaches it). */
  readonly values: Map<string, AbstractValue>;
  steps: number;
  /** How often a bound (steps, depth, a cycle) cut the evaluation short: a value cut short is not kept across evaluations. */
  cuts: number;
}

const MAX_STEPS = 20_000;

function newVisit(): Visiting {
  return { locals: new Set(), values: new Map(), steps: 0, cuts: 0 };
}

/**
 * Locals' values kept across evaluations of one module, by local and the locals it was reached
 * through: a template that reads `local.big.k1` ... `local.big.k6000` evaluates `local.big` once,
 * not once per reference. Only values no bound cut short are kept (one cut short depends on where
 * it was reached from). The module's map goes with the module.
 */
const LOCAL_VALUES = new WeakMap<Module, Map<string, AbstractValue>>();

function localKey(name: string, hops: readonly Hop[]): string {
  let key = name;
  for (const hop of hops) key += `\0${hop.label}@${hop.file}:${String(hop.range.start.offset)}`;
  return key;
}

/** The abstract value of `expr`, written in `file`. */
export function abstractValue(module: Module, expr: Expr, file: string): AbstractValue {
  return evaluate(module, expr, { file, hops: [] }, 0, newVisit());
}

interface Place {
  readonly file: string;
  readonly hops: readonly Hop[];
}

/**
 * Values of expressions reached with no locals on the way, by expression and file: the same map
 * read once per key (`local.big.k1` ... `local.big.k20000`, each followed by the taint analysis
 * from the local's expression, or through `merge(local.big, ...)`) is one value, whose key index
 * (keyedView) is built once. Only values that no bound cut short are kept.
 */
const TOP_VALUES = new WeakMap<Expr, { readonly file: string; readonly value: AbstractValue }>();
/**
 * Only maps this large are kept and indexed: reading a small one again costs less than keeping it
 * (every kept value is memory the collector walks; the corpus's maps are nearly all small).
 */
const LARGE_MAP = 32;

function isLargeMap(value: AbstractValue): boolean {
  return value.kind === "map" && value.entries.length + value.opaque.length >= LARGE_MAP;
}

/** Kinds whose value is worth keeping: building them costs in proportion to their size. */
const KEPT_KINDS: ReadonlySet<Expr["kind"]> = new Set(["object", "call", "traversal", "conditional", "for"]);

function evaluate(module: Module, expr: Expr, place: Place, depth: number, visiting: Visiting): AbstractValue {
  const current = unwrap(expr);
  if (place.hops.length > 0 || !KEPT_KINDS.has(current.kind)) return evaluateOnce(module, current, place, depth, visiting);
  const known = TOP_VALUES.get(current);
  if (known?.file === place.file) return known.value;
  const cutsBefore = visiting.cuts;
  const value = evaluateOnce(module, current, place, depth, visiting);
  if (visiting.cuts === cutsBefore && isLargeMap(value)) TOP_VALUES.set(current, { file: place.file, value });
  return value;
}

function evaluateOnce(module: Module, current: Expr, place: Place, depth: number, visiting: Visiting): AbstractValue {
  const origin: OpaquePart = { value: current, file: place.file, hops: place.hops };
  if (depth > MAX_VALUE_DEPTH || ++visiting.steps > MAX_STEPS) {
    visiting.cuts++;
    return { kind: "unknown", origin };
  }
  const next = (e: Expr, at: Place = place): AbstractValue => evaluate(module, e, at, depth + 1, visiting);
  switch (current.kind) {
    case "literal":
      if (current.value === null) return { kind: "null", origin };
      if (typeof current.value === "boolean") return { kind: "bool", origin };
      if (typeof current.value === "number") return { kind: "number", origin };
      return { kind: "text", literal: current.value, canHold: !NO_TEXT_LITERAL.test(current.value), origin };
    case "template": {
      const text = literalString(current);
      if (text !== null) return { kind: "text", literal: text, canHold: !NO_TEXT_LITERAL.test(text), origin };
      // text built only from interpolations that hold no text either (`"${var.port}"`) holds no secret
      let canHold = false;
      for (const part of current.parts) {
        if (part.kind === "literal") canHold ||= part.value !== "";
        else if (part.kind === "interpolation") canHold ||= canHoldValue(next(part.expr));
        else canHold = true;
        if (canHold) break;
      }
      return { kind: "text", literal: null, canHold, origin };
    }
    case "object":
      return objectValue(current, place, origin);
    case "tuple":
      return { kind: "tuple", items: current.items, origin };
    case "conditional":
      return { kind: "either", options: [next(current.then), next(current.else)], origin };
    case "operation":
      return { kind: BOOLEAN_OPERATORS.has(current.operator) ? "bool" : "number", origin };
    case "call":
      return callValue(module, current, place, origin, next);
    case "traversal":
      return traversalValue(module, current, place, origin, depth, visiting, next);
    case "for":
      return forValue(current, origin, next);
    default:
      return { kind: "unknown", origin };
  }
}

function objectValue(object: Extract<Expr, { kind: "object" }>, place: Place, origin: OpaquePart): AbstractValue {
  return {
    kind: "map",
    entries: object.items.map((item) => ({ key: item.keyName, ...(item.keyName === null ? { keyExpr: item.key } : {}), value: item.value, file: place.file, range: item.range, hops: place.hops })),
    opaque: [],
    origin,
  };
}

function callValue(module: Module, call: Extract<Expr, { kind: "call" }>, place: Place, origin: OpaquePart, next: (e: Expr) => AbstractValue): AbstractValue {
  const name = functionName(call.name);
  const behaviour = functionBehaviour(name);
  // a digest is text, though not the secret; a boolean or a number is no text
  if (behaviour === "hashes") return { kind: "text", literal: null, canHold: true, origin };
  if (behaviour === "boolean") return { kind: "bool", origin };
  if (behaviour === "number") return { kind: "number", origin };
  if (name === "tostring" || name === "tonumber" || name === "tobool") {
    const arg = call.args[0];
    return arg ? next(arg) : { kind: "unknown", origin };
  }
  const shape = keyedShape(name);
  if (shape === "union") {
    const parts = call.args.map((arg) => mapView(next(arg)));
    return { kind: "map", entries: parts.flatMap((p) => p.entries), opaque: parts.flatMap((p) => p.opaque), origin };
  }
  if (shape === "lookup") {
    const [map, key, fallback] = call.args;
    const keyName = key ? literalString(key) : null;
    if (!map || keyName === null) return { kind: "unknown", origin };
    const options = selectKey(next(map), keyName, next);
    return { kind: "either", options: fallback ? [...options, next(fallback)] : options, origin };
  }
  if (shape === "zip") {
    // zipmap(["A", "B"], [x, y]): each key with the value at its position
    const keys = call.args[0] ? unwrap(call.args[0]) : null;
    const values = call.args[1] ? unwrap(call.args[1]) : null;
    if (keys?.kind !== "tuple" || values?.kind !== "tuple") return { kind: "unknown", origin };
    const entries: MapEntry[] = [];
    values.items.forEach((value, index) => {
      const key = keys.items[index];
      entries.push({ key: key ? literalString(key) : null, value, file: place.file, range: value.range, hops: place.hops });
    });
    return { kind: "map", entries, opaque: [], origin };
  }
  return { kind: "unknown", origin };
}

/** The first step's key when it is a static name: `.KEY` or `["KEY"]`. */
function stepKey(step: TraversalStep | undefined): string | null {
  if (!step) return null;
  if (step.kind === "attr") return step.name;
  if (step.kind === "index") return literalString(step.key);
  return null;
}

/** A map's view with its entries indexed by key (positions in `entries`), made once per value. */
interface KeyedView {
  readonly view: MapValue;
  readonly byKey: Map<string | null, number[]>;
}

const KEYED_VIEWS = new WeakMap<AbstractValue, KeyedView>();

function keyedView(value: AbstractValue): KeyedView {
  let keyed = KEYED_VIEWS.get(value);
  if (!keyed) {
    const view = mapView(value);
    const byKey = new Map<string | null, number[]>();
    view.entries.forEach((entry, index) => {
      const list = byKey.get(entry.key);
      if (list) list.push(index);
      else byKey.set(entry.key, [index]);
    });
    keyed = { view, byKey };
    KEYED_VIEWS.set(value, keyed);
  }
  return keyed;
}

/** The values `value[key]` may have: the entries with that key (or a computed one), in source order, and the parts whose keys are not known. */
function selectKey(value: AbstractValue, key: string, next: (e: Expr, at?: Place) => AbstractValue): AbstractValue[] {
  if (!isLargeMap(value)) {
    const view = mapView(value);
    return [
      ...view.entries.filter((e) => e.key === key || e.key === null).map((e) => next(e.value, { file: e.file, hops: e.hops })),
      ...view.opaque.map((o): AbstractValue => ({ kind: "unknown", origin: o })),
    ];
  }
  const { view, byKey } = keyedView(value);
  const positions = [...(byKey.get(key) ?? []), ...(byKey.get(null) ?? [])].sort((a, b) => a - b);
  return [
    ...positions.map((at) => view.entries[at] as MapEntry).map((e) => next(e.value, { file: e.file, hops: e.hops })),
    ...view.opaque.map((o): AbstractValue => ({ kind: "unknown", origin: o })),
  ];
}

function traversalValue(
  module: Module,
  expr: Extract<Expr, { kind: "traversal" }>,
  place: Place,
  origin: OpaquePart,
  depth: number,
  visiting: Visiting,
  next: (e: Expr, at?: Place) => AbstractValue,
): AbstractValue {
  let base: AbstractValue;
  let rest: readonly TraversalStep[];
  const first = expr.steps[0];
  const firstName = first?.kind === "attr" ? first.name : null;
  if (expr.root === null) {
    if (!expr.source) return { kind: "unknown", origin };
    base = next(expr.source);
    rest = expr.steps;
  } else if (expr.root === "local" && firstName) {
    const local = module.findLocal(firstName);
    if (!local) return { kind: "unknown", origin };
    if (visiting.locals.has(firstName) || depth >= MAX_LOCAL_DEPTH) {
      visiting.cuts++;
      return { kind: "unknown", origin };
    }
    const known = visiting.values.get(firstName);
    if (known) base = known;
    else {
      let kept = LOCAL_VALUES.get(module);
      if (!kept) {
        kept = new Map();
        LOCAL_VALUES.set(module, kept);
      }
      const key = localKey(firstName, place.hops);
      const remembered = kept.get(key);
      if (remembered) base = remembered;
      else {
        const hop: Hop = { label: `local.${firstName}`, file: local.file.path, range: local.node.nameRange };
        const cutsBefore = visiting.cuts;
        visiting.locals.add(firstName);
        base = evaluate(module, local.node.value, { file: local.file.path, hops: [...place.hops, hop] }, depth + 1, visiting);
        visiting.locals.delete(firstName);
        if (visiting.cuts === cutsBefore && isLargeMap(base)) kept.set(key, base);
      }
      visiting.values.set(firstName, base);
    }
    rest = expr.steps.slice(1);
  } else {
    return referenceValue(module, expr, firstName, origin);
  }
  // each static key or index narrows the value; anything else leaves it unknown
  const { values, complete } = selectSteps(base, rest, next);
  if (!complete) return { kind: "unknown", origin };
  return values.length === 1 && values[0] ? values[0] : { kind: "either", options: values, origin };
}

/**
 * The values after the static steps (`.k`, `["k"]`, `[0]`), up to the first step that is not
 * static; `complete` when every step was.
 */
function selectSteps(base: AbstractValue, steps: readonly TraversalStep[], next: (e: Expr, at?: Place) => AbstractValue): { values: AbstractValue[]; complete: boolean } {
  let values: AbstractValue[] = [base];
  for (const step of steps) {
    const key = stepKey(step);
    if (key !== null) {
      values = values.flatMap((v) => selectKey(v, key, next));
      continue;
    }
    const index = step.kind === "index" && step.key.kind === "literal" && typeof step.key.value === "number" ? step.key.value : null;
    if (index === null) return { values, complete: false };
    values = values.flatMap((v) => selectIndex(v, index, next));
  }
  return { values, complete: true };
}

/** The values `value[index]` may have: the item at that position of a tuple written out; unknown otherwise. */
function selectIndex(value: AbstractValue, index: number, next: (e: Expr, at?: Place) => AbstractValue): AbstractValue[] {
  if (value.kind === "either") return value.options.flatMap((o) => selectIndex(o, index, next));
  const item = value.kind === "tuple" ? value.items[index] : undefined;
  return [item ? next(item, { file: value.origin.file, hops: value.origin.hops }) : { kind: "unknown", origin: value.origin }];
}

/**
 * The expressions a value comes from, after static steps: `local.cfg.db.password` is the
 * `password` entry wherever it was written, `merge(a, b).k` the `k` entries of both, a conditional
 * both branches. Each leaf keeps its file and the locals it came through; its taint is the
 * taint analysis's to compute. A step that is not static stops the narrowing there.
 */
export function valueLeaves(module: Module, expr: Expr, file: string, steps: readonly TraversalStep[]): OpaquePart[] {
  const visiting = newVisit();
  const next = (e: Expr, at: Place = { file, hops: [] }): AbstractValue => evaluate(module, e, at, 1, visiting);
  // a step that is not static stops the narrowing there: what came before it flows whole
  const { values } = selectSteps(next(expr), steps, next);
  // in source order: the work list is a stack, so options go on it last first
  const leaves: OpaquePart[] = [];
  const seen = new Set<Expr>();
  const work = [...values].reverse();
  for (let item = work.pop(); item; item = work.pop()) {
    if (item.kind === "either") {
      for (let i = item.options.length - 1; i >= 0; i--) {
        const option = item.options[i];
        if (option) work.push(option);
      }
    } else if (!seen.has(item.origin.value)) {
      seen.add(item.origin.value);
      leaves.push(item.origin);
    }
  }
  return leaves;
}

/** References that are not locals: a bool or number variable or parameter holds no text; the rest is unknown. */
function referenceValue(module: Module, expr: Extract<Expr, { kind: "traversal" }>, firstName: string | null, origin: OpaquePart): AbstractValue {
  if (expr.root === "var" && firstName) {
    const variable = module.findVariable(firstName);
    const type = variable ? typeKeyword(attr(variable.node.body, "type")?.value) : null;
    if (type === "bool" || type === "number") return { kind: type, origin };
  }
  if (expr.root === "data" && firstName === "coder_parameter") {
    const second = expr.steps[1];
    const name = second?.kind === "attr" ? second.name : null;
    const block = name ? module.findData("coder_parameter", name) : undefined;
    const typeExpr = block ? attr(block.node.body, "type")?.value : undefined;
    const type = literalString(typeExpr) ?? typeKeyword(typeExpr);
    if (type === "bool" || type === "number") return { kind: type, origin };
  }
  return { kind: "unknown", origin };
}

/**
 * `{ for k, v in MAP : k => v }` keeps MAP's keys, each with its value, when the key is the key
 * variable and the value is the value variable (or text made of it alone: `"${v}"`, `trimspace(v)`).
 * Any other object `for` is a map whose keys are not known.
 */
function forValue(expr: Extract<Expr, { kind: "for" }>, origin: OpaquePart, next: (e: Expr) => AbstractValue): AbstractValue {
  if (!expr.keyExpr) return { kind: "unknown", origin };
  const keyVar = expr.keyVar;
  if (keyVar === null || !isBareName(expr.keyExpr, keyVar) || !carriesOnly(expr.valueExpr, expr.valueVar)) {
    return { kind: "map", entries: [], opaque: [origin], origin };
  }
  const collection = mapView(next(expr.collection));
  return { kind: "map", entries: collection.entries, opaque: collection.opaque, origin };
}

function isBareName(expr: Expr, name: string): boolean {
  const current = unwrap(expr);
  return current.kind === "traversal" && current.root === name && current.steps.length === 0;
}

/** Is `expr` the variable `name` itself, or text or a pass-through call of it alone? */
function carriesOnly(expr: Expr, name: string): boolean {
  const current = unwrap(expr);
  if (isBareName(current, name)) return true;
  if (current.kind === "template") {
    return current.parts.length === 1 && current.parts[0]?.kind === "interpolation" && isBareName(current.parts[0].expr, name);
  }
  if (current.kind === "call" && current.args.length === 1 && functionBehaviour(current.name) === "passes") {
    const arg = current.args[0];
    return arg !== undefined && carriesOnly(arg, name);
  }
  return false;
}

/** A value as a map: its entries and its parts of unknown keys. Nothing for null and ""; anything else not a map is one opaque part. */
function mapView(value: AbstractValue): MapValue {
  const entries: MapEntry[] = [];
  const opaque: OpaquePart[] = [];
  // an entry written once and reached by several paths (`merge(local.b, local.b)`) counts once
  const seenEntries = new Set<Expr>();
  const seenParts = new Set<Expr>();
  const work: AbstractValue[] = [value];
  for (let item = work.pop(); item; item = work.pop()) {
    if (item.kind === "map") {
      for (const entry of item.entries) {
        if (seenEntries.has(entry.value)) continue;
        seenEntries.add(entry.value);
        entries.push(entry);
      }
      for (const part of item.opaque) {
        if (seenParts.has(part.value)) continue;
        seenParts.add(part.value);
        opaque.push(part);
      }
    } else if (item.kind === "either") {
      for (let i = item.options.length - 1; i >= 0; i--) {
        const option = item.options[i];
        if (option) work.push(option);
      }
    } else if (item.kind === "null" || (item.kind === "text" && item.literal === "")) continue;
    else if (!seenParts.has(item.origin.value)) {
      seenParts.add(item.origin.value);
      opaque.push(item.origin);
    }
  }
  return { entries, opaque };
}

/** Can a value hold a secret? Text that can, or anything whose shape is not known; never a boolean, a number or null. */
function canHoldValue(value: AbstractValue): boolean {
  switch (value.kind) {
    case "text":
      return value.canHold;
    case "bool":
    case "number":
    case "null":
      return false;
    case "either":
      return value.options.some(canHoldValue);
    default:
      return true;
  }
}

/**
 * The entries of the map `expr` evaluates to. Every branch of a conditional and every argument of
 * `merge()` contributes its entries (a later `merge()` argument may override an earlier one: both
 * are kept, since either may be the one that flows).
 */
export function mapEntries(module: Module, expr: Expr, file: string): MapValue {
  return mapView(abstractValue(module, expr, file));
}

/** Strings that are what tostring() makes of a boolean or a number, or nothing at all. */
const NO_TEXT_LITERAL = /^(?:|true|false|-?\d+(?:\.\d+)?)$/;

/**
 * Can this value hold a secret? Not when every value it can take is an empty string, a boolean, a
 * number or null, followed through locals, conditionals, parentheses, `tostring()`-like conversions,
 * comparisons and functions that return a boolean or a number. Anything unknown can.
 */
export function canHoldSecret(module: Module, expr: Expr): boolean {
  return canHoldValue(abstractValue(module, expr, ""));
}
