import { basename } from "node:path";
import { type Catalog, secretNameMatch, secretValueName } from "../catalog/index.js";
import { attr, literalBool, literalString, type Located, type Module, typeKeyword } from "../model/module.js";
import type { Block, Expr, Range, TemplatePart, TraversalStep } from "../model/types.js";
import { functionBehaviour, functionName } from "./functions.js";
import { CLEAN, type Hop, mergeTaint, type SecretSource, type SourceKind, type Taint, withHop } from "./types.js";
import { canHoldSecret, type OpaquePart, unwrap, valueLeaves } from "./values.js";

/** Operators whose result is a boolean: `var.token != ""` reveals nothing useful. */
const BOOLEAN_OPERATORS = new Set(["==", "!=", "<", ">", "<=", ">=", "&&", "||", "!"]);

/** What a name bound by `for`, `for_each` or a `dynamic` iterator carries. */
interface Binding {
  /** Taint of the bound value itself (for `for` variables). */
  readonly whole: Taint;
  /** For `each`/iterators: `.value` carries the element, `.key` nothing. */
  readonly hasKeyValue: boolean;
}

export interface Scope {
  readonly file: string;
  readonly bindings: ReadonlyMap<string, Binding>;
}

export interface TaintOptions {
  /** Parameters whose `value` is a secret, or "all" to follow every parameter (used to find evidence). */
  readonly secretParameters: ReadonlySet<string> | "all";
  /** Taint of this module's input variables, when it is instantiated by a parent. */
  readonly inputs?: ReadonlyMap<string, Taint>;
  /** Nesting of module instances, to stop runaway recursion. */
  readonly depth?: number;
  /** Child module instances shared by the whole tree of one root analysis (made by the root). */
  readonly instances?: ModuleInstances;
}

const MAX_MODULE_DEPTH = 8;

/**
 * The child module instances of one root analysis, by (module folder, depth, inputs' shape): a tree
 * where each folder calls the next ten times is 10^8 calls but a few instances, each analysed once.
 * Past `limit` distinct instances the rest are not followed and `exhausted` says so.
 */
export class ModuleInstances {
  readonly byKey = new Map<string, TaintAnalysis>();
  exhausted = false;
  constructor(readonly limit: number = MAX_MODULE_INSTANCES) {}
}

/** Distinct child module instances one module's analysis follows at most. */
export const MAX_MODULE_INSTANCES = 2000;

/** What a child instance's analysis depends on: its folder, its depth, and which secrets reach which input. */
function instanceKey(dir: string, depth: number, inputs: ReadonlyMap<string, Taint>): string {
  const shape = [...inputs]
    .map(([name, taint]) => `${name}=${taint.map((t) => `${t.source.kind}:${t.source.id}`).sort().join(",")}`)
    .sort()
    .join(";");
  return `${dir}\0${String(depth)}\0${shape}`;
}

/**
 * Follows secrets through one module: locals, templates, calls, conditionals, `for`, collections,
 * `dynamic` blocks, `count`/`for_each`, and local module inputs and outputs. Results for whole locals
 * are memoised, so the analysis is linear in the size of the module.
 */
export class TaintAnalysis {
  private readonly localMemo = new Map<string, Taint>();
  private readonly inProgress = new Set<string>();
  private readonly childAnalyses = new Map<string, TaintAnalysis>();
  private readonly outputMemo = new Map<string, Taint>();
  /** Child instances of this analysis's whole module tree (shared with every child). */
  readonly instances: ModuleInstances;

  constructor(
    readonly module: Module,
    private readonly catalog: Catalog,
    private readonly options: TaintOptions,
  ) {
    this.instances = options.instances ?? new ModuleInstances();
  }

  /** The scope of an expression written in a top-level block: `each`/`count` bound from its meta-arguments. */
  blockScope(block: Located<Block>): Scope {
    const bindings = new Map<string, Binding>();
    const forEach = attr(block.node.body, "for_each");
    if (forEach) {
      bindings.set("each", { whole: this.taintOf(forEach.value, { file: block.file.path, bindings: new Map() }), hasKeyValue: true });
    }
    return { file: block.file.path, bindings };
  }

  /** The scope inside `dynamic "<name>" { for_each = X; iterator = it; content { ... } }`. */
  dynamicScope(outer: Scope, dynamic: Block): Scope {
    const forEach = attr(dynamic.body, "for_each");
    const iterator = typeKeyword(attr(dynamic.body, "iterator")?.value) ?? dynamic.labels[0] ?? "";
    const bindings = new Map(outer.bindings);
    bindings.set(iterator, { whole: forEach ? this.taintOf(forEach.value, outer) : CLEAN, hasKeyValue: true });
    return { file: outer.file, bindings };
  }

  taintOf(expr: Expr, scope: Scope): Taint {
    switch (expr.kind) {
      case "literal":
        return CLEAN;
      case "template":
        return this.partsTaint(expr.parts, scope);
      case "traversal":
        return this.traversalTaint(expr, scope);
      case "splat":
        return this.taintOf(expr.source, scope);
      case "call":
        return this.callTaint(expr, scope);
      case "tuple":
        return mergeTaint(...expr.items.map((i) => this.taintOf(i, scope)));
      case "object":
        return mergeTaint(...expr.items.map((i) => this.taintOf(i.value, scope)));
      case "conditional":
        // the condition decides which branch flows; it does not flow itself
        return mergeTaint(this.taintOf(expr.then, scope), this.taintOf(expr.else, scope));
      case "for": {
        const collection = this.taintOf(expr.collection, scope);
        const bindings = new Map(scope.bindings);
        if (expr.keyVar) bindings.set(expr.keyVar, { whole: CLEAN, hasKeyValue: false });
        bindings.set(expr.valueVar, { whole: collection, hasKeyValue: false });
        const inner = { file: scope.file, bindings };
        return mergeTaint(expr.keyExpr ? this.taintOf(expr.keyExpr, inner) : CLEAN, this.taintOf(expr.valueExpr, inner));
      }
      case "operation":
        if (BOOLEAN_OPERATORS.has(expr.operator)) return CLEAN;
        return mergeTaint(...expr.operands.map((o) => this.taintOf(o, scope)));
      case "parens":
        return this.taintOf(expr.expr, scope);
    }
  }

  private partsTaint(parts: readonly TemplatePart[], scope: Scope): Taint {
    const taints: Taint[] = [];
    for (const part of parts) {
      if (part.kind === "interpolation") taints.push(this.taintOf(part.expr, scope));
      else if (part.kind === "if") taints.push(this.partsTaint(part.then, scope), this.partsTaint(part.else, scope));
      else if (part.kind === "for") {
        const bindings = new Map(scope.bindings);
        if (part.keyVar) bindings.set(part.keyVar, { whole: CLEAN, hasKeyValue: false });
        bindings.set(part.valueVar, { whole: this.taintOf(part.collection, scope), hasKeyValue: false });
        taints.push(this.partsTaint(part.body, { file: scope.file, bindings }));
      }
    }
    return mergeTaint(...taints);
  }

  private callTaint(expr: Extract<Expr, { kind: "call" }>, scope: Scope): Taint {
    const behaviour = functionBehaviour(expr.name);
    if (behaviour === "hashes" || behaviour === "boolean" || behaviour === "number" || behaviour === "unrelated") return CLEAN;
    const name = functionName(expr.name);
    // lookup(map, "key", default): only that key's entries flow, where the map's entries are known
    const [map, key] = expr.args;
    const keyName = key ? literalString(key) : null;
    if (name === "lookup" && map && keyName !== null) return this.leavesTaint(valueLeaves(this.module, expr, scope.file, []), scope);
    const args = mergeTaint(...expr.args.map((a) => this.taintOf(a, scope)));
    if (behaviour === "marks-sensitive") {
      const source: SecretSource = {
        // no line number in the id: messages (and baseline hashes) must not change when lines move
        id: `sensitive() in ${basename(scope.file)}`,
        kind: "sensitive-call",
        reason: "marked with sensitive()",
        file: scope.file,
        range: expr.range,
      };
      return mergeTaint([{ source, hops: [] }], args);
    }
    return args;
  }

  /** What the leaves of a value carry (see valueLeaves), each through the locals it came by and in its own file. */
  private leavesTaint(leaves: readonly OpaquePart[], scope: Scope): Taint {
    return mergeTaint(...leaves.map((leaf) => this.hopsTaint(leaf.hops, this.taintOf(leaf.value, scopeIn(leaf.file, scope)))));
  }

  /**
   * A taint that came through these locals (outermost first, as values.ts lists them): the trace
   * runs from the source outwards, so the innermost local is its first hop.
   */
  private hopsTaint(hops: readonly Hop[], taint: Taint): Taint {
    let out = taint;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i];
      if (hop) out = withHop(out, hop);
    }
    return out;
  }

  private source(id: string, kind: SourceKind, reason: string, scope: Scope, range: Range): Taint {
    return [{ source: { id, kind, reason, file: scope.file, range }, hops: [] }];
  }

  private traversalTaint(expr: Extract<Expr, { kind: "traversal" }>, scope: Scope): Taint {
    if (expr.root === null) {
      if (!expr.source) return CLEAN;
      // a field read out of decoded secret data (`jsondecode(base64decode(...id_token...)).email`, a
      // claim of a token's payload) is that field, not the secret: a field whose name says no secret
      // carries none; `jsondecode(x).password` still does
      if (readsDecodedField(expr)) return CLEAN;
      // `merge({...}, {...}).KEY`, `(cond ? {...} : {...})["KEY"]`: that key's entries only;
      // `jsondecode(x).password`: what the source carries (an index selects, it adds nothing)
      return this.leavesTaint(valueLeaves(this.module, expr.source, scope.file, expr.steps), scope);
    }
    const root = expr.root;
    const steps = expr.steps;
    const binding = scope.bindings.get(root);
    if (binding) {
      if (!binding.hasKeyValue) return binding.whole;
      const first = steps[0];
      if (first?.kind === "attr" && first.name === "key") return CLEAN;
      return binding.whole;
    }
    const names = attrNames(steps);
    switch (root) {
      case "var":
        return this.variableTaint(names[0], scope, expr.range);
      case "local":
        return names[0] ? this.localTaint(names[0], steps.slice(1), scope, expr.range) : CLEAN;
      case "data":
        return names[0] && names[1] ? this.blockAttributeTaint("data", names[0], names[1], instanceAttributes(steps.slice(2)), scope, expr.range) : CLEAN;
      case "module":
        return names[0] && names[1] ? this.moduleOutputTaint(names[0], names[1], scope, expr.range) : CLEAN;
      case "count":
      case "each":
      case "path":
      case "terraform":
      case "self":
        return CLEAN;
      default:
        return names[0] ? this.blockAttributeTaint("resource", root, names[0], instanceAttributes(steps.slice(1)), scope, expr.range) : CLEAN;
    }
  }

  private variableTaint(name: string | undefined, scope: Scope, range: Range): Taint {
    if (!name) return CLEAN;
    const input = this.options.inputs?.get(name) ?? CLEAN;
    const declared = this.module.findVariable(name);
    if (!declared) return input;
    const body = declared.node.body;
    const type = typeKeyword(attr(body, "type")?.value);
    if (literalBool(attr(body, "sensitive")?.value) === true) {
      return mergeTaint(input, this.source(`var.${name}`, "sensitive-variable", "a variable declared sensitive = true", scope, range));
    }
    const secretWord = type === "bool" || type === "number" ? null : secretValueName(name);
    if (secretWord) {
      return mergeTaint(input, this.source(`var.${name}`, "secret-name", `a variable whose name says "${secretWord}"`, scope, range));
    }
    return input;
  }

  private localTaint(name: string, rest: readonly TraversalStep[], scope: Scope, range: Range): Taint {
    const local = this.module.findLocal(name);
    if (!local) return CLEAN;
    const hop = { label: `local.${name}`, file: local.file.path, range: local.node.nameRange };
    const localScope: Scope = { file: local.file.path, bindings: new Map() };
    // `local.cfg.db.password`, `local.env.KEY` (however local.env is built), `local.list[1]`: that part only
    if (rest.length > 0) {
      const leaves = valueLeaves(this.module, local.node.value, local.file.path, rest);
      const first = leaves[0];
      const whole = leaves.length === 1 && first !== undefined && first.value === unwrap(local.node.value) && first.hops.length === 0;
      if (!whole) return withHop(this.guarded(`local.${name}${rangeKey(range)}`, () => this.leavesTaint(leaves, localScope)), hop);
    }
    const memo = this.localMemo.get(name);
    if (memo) return withHop(memo, hop);
    const computed = this.guarded(`local.${name}`, () => this.taintOf(local.node.value, localScope));
    this.localMemo.set(name, computed);
    return withHop(computed, hop);
  }

  /** Evaluates once per key at a time: a reference cycle yields no taint instead of recursing forever. */
  private guarded(key: string, compute: () => Taint): Taint {
    if (this.inProgress.has(key)) return CLEAN;
    this.inProgress.add(key);
    try {
      return compute();
    } finally {
      this.inProgress.delete(key);
    }
  }

  private blockAttributeTaint(
    kind: "resource" | "data",
    type: string,
    name: string,
    rest: readonly TraversalStep[],
    scope: Scope,
    range: Range,
  ): Taint {
    const path = attrNames(rest);
    const prefix = kind === "data" ? "data." : "";
    const id = `${prefix}${type}.${name}${path.length > 0 ? "." + path.join(".") : ""}`;
    const attribute = path[0] ?? "";

    if (kind === "data" && type === "coder_parameter") {
      if (attribute !== "value" && path.length > 0) return CLEAN;
      const wanted = this.options.secretParameters;
      const all = wanted === "all";
      if (wanted === "all" || wanted.has(name)) {
        return this.source(id, all ? "parameter-candidate" : "secret-parameter", "a coder_parameter that collects a secret", scope, range);
      }
      return CLEAN;
    }

    const hit = this.catalog.lookup(kind, type, path);
    if (hit) {
      const reason =
        type.startsWith("coder_")
          ? hit.kind === "unflagged-secret"
            ? "a legacy Coder secret that Terraform never redacts"
            : "a Coder secret"
          : hit.kind === "schema-sensitive"
            ? "sensitive in the provider schema"
            : hit.kind === "configured"
              ? "configured as a sensitive attribute"
              : "a secret the provider does not mark sensitive";
      const sourceKind: SourceKind = type.startsWith("coder_") ? "coder-secret" : hit.kind;
      return this.source(id, sourceKind, reason, scope, range);
    }
    if (this.catalog.secretWhenNamed(kind, type, path) && secretNameMatch(name)) {
      return this.source(id, "secret-name", `a ${type} whose name says "${secretNameMatch(name) ?? ""}"`, scope, range);
    }
    if (path.length === 0) return CLEAN;
    // An argument of the block read back (`terraform_data.x.output` is its `input`).
    const block = kind === "data" ? this.module.findData(type, name) : this.module.findResource(type, name);
    const argumentName = type === "terraform_data" && attribute === "output" ? "input" : attribute;
    const argument = block ? attr(block.node.body, argumentName) : undefined;
    let fromArgument: Taint = CLEAN;
    if (block && argument && !type.startsWith("coder_")) {
      const hop = { label: `${prefix}${type}.${name}.${attribute}`, file: block.file.path, range: argument.nameRange };
      fromArgument = withHop(
        this.guarded(id, () => this.leavesTaint(valueLeaves(this.module, argument.value, block.file.path, rest.slice(1)), this.blockScope(block))),
        hop,
      );
    }
    const lastName = path[path.length - 1] ?? "";
    // a secret-named argument set to a value that cannot hold a secret ("", a bool, a number) is none
    const secretWord = argument && path.length === 1 && !canHoldSecret(this.module, argument.value) ? null : secretValueName(lastName);
    if (secretWord && !type.startsWith("coder_")) {
      return mergeTaint(this.source(id, "secret-name", `an attribute whose name says "${secretWord}"`, scope, range), fromArgument);
    }
    return fromArgument;
  }

  private moduleOutputTaint(call: string, output: string, scope: Scope, range: Range): Taint {
    const child = this.childAnalysis(call);
    const id = `module.${call}.${output}`;
    if (!child) {
      const secretWord = secretValueName(output);
      return secretWord ? this.source(id, "secret-name", `a module output whose name says "${secretWord}"`, scope, range) : CLEAN;
    }
    const declared = child.module.findOutput(output);
    if (!declared) return CLEAN;
    const hop = { label: id, file: declared.file.path, range: declared.node.headerRange };
    const flowed = withHop(child.outputValueTaint(output, declared), hop);
    if (literalBool(attr(declared.node.body, "sensitive")?.value) === true) {
      return mergeTaint(this.source(id, "sensitive-output", "a module output declared sensitive = true", scope, range), flowed);
    }
    return flowed;
  }

  /** What an output of this module instance carries: computed once per instance (a shared instance is read by many calls). */
  outputValueTaint(output: string, declared: Located<Block>): Taint {
    let taint = this.outputMemo.get(output);
    if (!taint) {
      const value = attr(declared.node.body, "value");
      taint = value ? this.taintOf(value.value, { file: declared.file.path, bindings: new Map() }) : CLEAN;
      this.outputMemo.set(output, taint);
    }
    return taint;
  }

  /** The analysis of a local child module with its inputs bound to what this module passes in. */
  childAnalysis(call: string): TaintAnalysis | undefined {
    const cached = this.childAnalyses.get(call);
    if (cached) return cached;
    const child = this.module.children.get(call);
    const block = this.module.findModuleCall(call);
    const depth = this.options.depth ?? 0;
    // modules that feed each other (a.out -> b.in, b.out -> a.in) must not recurse forever
    const key = `module:${call}`;
    if (!child || !block || depth >= MAX_MODULE_DEPTH || this.inProgress.has(key)) return undefined;
    this.inProgress.add(key);
    try {
      return this.buildChildAnalysis(call, child, block, depth);
    } finally {
      this.inProgress.delete(key);
    }
  }

  private buildChildAnalysis(call: string, child: Module, block: Located<Block>, depth: number): TaintAnalysis | undefined {
    const inputs = new Map<string, Taint>();
    const scope = this.blockScope(block);
    for (const item of block.node.body.items) {
      if (item.kind !== "attribute" || ["source", "version", "count", "for_each", "providers", "depends_on"].includes(item.name)) continue;
      const taint = this.taintOf(item.value, scope);
      if (taint.length > 0) inputs.set(item.name, withHop(taint, { label: `module.${call}.${item.name}`, file: block.file.path, range: item.nameRange }));
    }
    const key = instanceKey(child.dir, depth + 1, inputs);
    let analysis = this.instances.byKey.get(key);
    if (!analysis) {
      if (this.instances.byKey.size >= this.instances.limit) {
        this.instances.exhausted = true;
        return undefined;
      }
      analysis = new TaintAnalysis(child, this.catalog, { secretParameters: this.options.secretParameters, inputs, depth: depth + 1, instances: this.instances });
      this.instances.byKey.set(key, analysis);
    }
    this.childAnalyses.set(call, analysis);
    return analysis;
  }
}

/**
 * The scope for an expression written in `file`: the given one when it is that file's (it may
 * bind `each` and iterators), else a file-level scope (a local's value, written elsewhere).
 */
export function scopeIn(file: string, scope: Scope): Scope {
  return file === scope.file ? scope : { file, bindings: new Map() };
}

/** Functions that decode structured data: selecting a field of their result reads that field. */
const DECODERS = new Set(["jsondecode", "yamldecode", "csvdecode"]);

/** `decode(...).field` (or `["field"]`) where the field's name says no secret. */
function readsDecodedField(expr: Extract<Expr, { kind: "traversal" }>): boolean {
  const source = expr.source ? unwrap(expr.source) : null;
  if (source?.kind !== "call" || !DECODERS.has(functionName(source.name))) return false;
  const names = attrNames(expr.steps);
  const last = names[names.length - 1];
  return last !== undefined && names.length === expr.steps.length && secretValueName(last) === null;
}

/** Drops the instance key of a counted resource: `random_password.pw[1].result` reads `result`. */
function instanceAttributes(steps: readonly TraversalStep[]): readonly TraversalStep[] {
  let i = 0;
  while (i < steps.length && steps[i]?.kind !== "attr") i++;
  return steps.slice(i);
}

function attrNames(steps: readonly TraversalStep[]): string[] {
  const names: string[] = [];
  for (const step of steps) {
    if (step.kind === "attr") names.push(step.name);
    else if (step.kind === "index" && step.key.kind === "literal" && typeof step.key.value === "string") names.push(step.key.value);
  }
  return names;
}

function rangeKey(range: Range): string {
  return `@${String(range.start.offset)}`;
}
