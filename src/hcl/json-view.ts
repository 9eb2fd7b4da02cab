import type { Body, Expr, HclFile, TemplateExpr, TemplatePart } from "../model/types.js";

/**
 * Prints the model in @cdktf/hcl2json's JSON shape: blocks nest by type and labels into arrays of
 * bodies, literal values stay values, any other expression becomes `"${<source text>}"`, and
 * templates keep their interpolations as `${...}`.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = Record<string, JsonValue>;

export function fileToJson(file: HclFile): JsonObject {
  return bodyToJson(file.body, file.text);
}

export function bodyToJson(body: Body, text: string): JsonObject {
  const out: JsonObject = {};
  for (const item of body.items) {
    if (item.kind !== "block") continue;
    let target = out;
    let key = item.type;
    for (const label of item.labels) {
      const existing = target[key];
      if (existing && typeof existing === "object" && !Array.isArray(existing)) target = existing;
      else {
        const created: JsonObject = {};
        target[key] = created;
        target = created;
      }
      key = label;
    }
    const value = bodyToJson(item.body, text);
    const current = target[key];
    if (Array.isArray(current)) current.push(value);
    else target[key] = [value];
  }
  for (const item of body.items) {
    if (item.kind === "attribute") out[item.name] = exprToJson(item.value, text);
  }
  return out;
}

function source(expr: Expr, text: string): string {
  return text.slice(expr.range.start.offset, expr.range.end.offset);
}

function wrap(expr: Expr, text: string): string {
  return "${" + source(expr, text) + "}";
}

export function exprToJson(expr: Expr, text: string): JsonValue {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "operation": {
      const operand = expr.operands[0];
      if (expr.operands.length === 1 && operand?.kind === "literal") {
        if (expr.operator === "-" && typeof operand.value === "number") return -operand.value;
        if (expr.operator === "!" && typeof operand.value === "boolean") return !operand.value;
      }
      return wrap(expr, text);
    }
    case "template":
      return templateToJson(expr, text);
    case "tuple":
      return expr.items.map((item) => exprToJson(item, text));
    case "object": {
      const out: JsonObject = {};
      for (const item of expr.items) out[objectKey(item.key, text)] = exprToJson(item.value, text);
      return out;
    }
    default:
      return wrap(expr, text);
  }
}

function objectKey(key: Expr, text: string): string {
  if (key.kind === "traversal" && key.source === null) return source(key, text);
  if (key.kind === "literal") return String(key.value);
  if (key.kind === "template") return templateString(key.parts, text);
  return wrap(key, text);
}

function templateToJson(expr: TemplateExpr, text: string): JsonValue {
  const only = expr.parts[0];
  if (!expr.heredoc && expr.parts.length === 1 && only?.kind === "interpolation") return exprToJson(only.expr, text);
  const rendered = templateString(expr.parts, text);
  return expr.heredoc?.strip ? stripIndent(rendered) : rendered;
}

function templateString(parts: readonly TemplatePart[], text: string): string {
  let out = "";
  for (const part of parts) {
    switch (part.kind) {
      case "literal":
        out += part.value;
        break;
      case "interpolation":
        out += part.expr.kind === "literal" && part.expr.value !== null ? String(part.expr.value) : wrap(part.expr, text);
        break;
      case "if":
        out += "%{if " + source(part.condition, text) + "}" + templateString(part.then, text);
        if (part.else.length > 0) out += "%{else}" + templateString(part.else, text);
        out += "%{endif}";
        break;
      case "for":
        out += "%{for " + (part.keyVar ? part.keyVar + ", " : "") + part.valueVar + " in " + source(part.collection, text) + "}";
        out += templateString(part.body, text) + "%{endfor}";
        break;
    }
  }
  return out;
}

/**
 * `<<-` heredocs lose the smallest indentation found on their non-blank lines; lines of only
 * whitespace are left as they are (as HCL does).
 */
export function stripIndent(rendered: string): string {
  const lines = rendered.split("\n");
  let min = Infinity;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    min = Math.min(min, indent);
  }
  if (!Number.isFinite(min) || min === 0) return rendered;
  return lines.map((line) => (line.trim() === "" ? line : line.slice(min))).join("\n");
}
