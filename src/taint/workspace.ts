import { secretValueName } from "../catalog/index.js";
import { attr, literalBool, literalString, type Located, type Module, nestedBlocks, subExpressions, traversalNames } from "../model/module.js";
import type { Block, Expr, Range } from "../model/types.js";
import { type Scope, scopeIn, type TaintAnalysis } from "./taint.js";
import { mergeTaint, type Taint } from "./types.js";
import { canHoldSecret, mapEntries } from "./values.js";

/** A value Coder injects into the workspace environment (`coder_agent` `env`, `coder_env`). */
export interface EnvInjection {
  readonly envName: string | null;
  readonly description: string;
  readonly file: string;
  /** The env entry (`KEY = value`) or the `value` attribute: where findings are reported. */
  readonly range: Range;
  readonly expr: Expr;
  readonly scope: Scope;
}

/** One `item` of a `coder_metadata` resource, static or produced by `dynamic "item"`. */
export interface MetadataItem {
  readonly resource: Located<Block>;
  /** The `item` block, or the `content` block of a `dynamic "item"`. */
  readonly item: Block;
  readonly dynamic: Block | null;
  readonly key: string | null;
  readonly value: Expr | undefined;
  /** `true`/`false` when written as a literal, `null` when absent, `"dynamic"` when computed. */
  readonly sensitive: boolean | null | "dynamic";
  readonly scope: Scope;
  /** Where to report: the `item` header or the `dynamic "item"` header. */
  readonly range: Range;
}

export function envInjections(module: Module, taint: TaintAnalysis): EnvInjection[] {
  const out: EnvInjection[] = [];
  for (const agent of module.resources("coder_agent")) {
    const env = attr(agent.node.body, "env");
    if (!env) continue;
    const scope = taint.blockScope(agent);
    const agentName = `coder_agent.${agent.node.labels[1] ?? ""}`;
    // env built any way (literal, merge(), conditionals, locals): every entry with its key, reported
    // where it was written
    const value = mapEntries(module, env.value, agent.file.path);
    for (const entry of value.entries) {
      const via = entry.hops.length > 0 ? ` (via ${entry.hops.map((h) => h.label).join(", ")})` : "";
      out.push({
        envName: entry.key,
        description: `env "${entry.key ?? "?"}" of ${agentName}${via}`,
        file: entry.file,
        range: entry.range,
        expr: entry.value,
        scope: scopeIn(entry.file, scope),
      });
    }
    for (const part of value.opaque) {
      out.push({
        envName: null,
        description: `env of ${agentName}`,
        file: part.file,
        range: part.file === agent.file.path && part.hops.length === 0 ? part.value.range : env.range,
        expr: part.value,
        scope: scopeIn(part.file, scope),
      });
    }
  }
  for (const env of module.resources("coder_env")) {
    const value = attr(env.node.body, "value");
    if (!value) continue;
    const envName = literalString(attr(env.node.body, "name")?.value);
    out.push({
      envName,
      description: `coder_env.${env.node.labels[1] ?? ""}${envName ? ` ("${envName}")` : ""}`,
      file: env.file.path,
      range: value.range,
      expr: value.value,
      scope: taint.blockScope(env),
    });
  }
  return out;
}

export function metadataItems(module: Module, taint: TaintAnalysis): MetadataItem[] {
  const out: MetadataItem[] = [];
  for (const resource of module.resources("coder_metadata")) {
    const scope = taint.blockScope(resource);
    const describe = (item: Block, dynamic: Block | null, itemScope: Scope, range: Range): MetadataItem => {
      const sensitiveExpr = attr(item.body, "sensitive")?.value;
      const literal = literalBool(sensitiveExpr);
      return {
        resource,
        item,
        dynamic,
        key: literalString(attr(item.body, "key")?.value),
        value: attr(item.body, "value")?.value,
        sensitive: sensitiveExpr === undefined ? null : literal ?? "dynamic",
        scope: itemScope,
        range,
      };
    };
    for (const item of nestedBlocks(resource.node.body, "item")) out.push(describe(item, null, scope, item.headerRange));
    for (const dynamic of nestedBlocks(resource.node.body, "dynamic")) {
      if (dynamic.labels[0] !== "item") continue;
      const inner = taint.dynamicScope(scope, dynamic);
      for (const content of nestedBlocks(dynamic.body, "content")) out.push(describe(content, dynamic, inner, dynamic.headerRange));
    }
  }
  return out;
}

/** Does a value compute something (a reference, a call) rather than spell out a literal? */
export function isComputed(expr: Expr): boolean {
  for (const sub of subExpressions(expr)) if (sub.kind === "traversal" || sub.kind === "call") return true;
  return false;
}

/**
 * What identifies the secret a value carries, to match an env entry with a metadata item: the ids
 * of its secret sources and the references written in it (`var.token`, `local.pw`).
 */
export function valueIdentities(expr: Expr, taint: Taint): Set<string> {
  const ids = new Set(taint.map((t) => t.source.id));
  for (const t of taint) for (const hop of t.hops) ids.add(hop.label);
  for (const sub of subExpressions(expr)) {
    const names = traversalNames(sub);
    if (names && !["count", "each", "path", "self", "terraform"].includes(names[0] ?? "")) ids.add(names.join("."));
  }
  return ids;
}

/**
 * The secret-named key of an env entry or metadata item whose computed value can hold a secret, if
 * any: `OPENAI_API_KEY = local.key` with `local.key = ""`, or `X_API_KEY = tostring(<a bool>)`, names
 * a secret that is not there.
 */
export function secretKeyWord(module: Module, key: string | null, value: Expr | undefined): string | null {
  if (!key || !value || !isComputed(value)) return null;
  const word = secretValueName(key);
  return word && canHoldSecret(module, value) ? word : null;
}

/** A value's taint, plus a secret-name source when its key says it is a secret. */
export function taintWithKey(taint: TaintAnalysis, expr: Expr, scope: Scope, key: string | null, keyRange: Range, what: string): Taint {
  const flowed = taint.taintOf(expr, scope);
  const word = secretKeyWord(taint.module, key, expr);
  if (!word || flowed.length > 0) return flowed;
  return mergeTaint(flowed, [
    {
      source: { id: `${what} "${key ?? ""}"`, kind: "secret-name", reason: `its name says "${word}"`, file: scope.file, range: keyRange },
      hops: [],
    },
  ]);
}
