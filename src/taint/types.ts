import type { Range } from "../model/types.js";

export type SourceKind =
  | "schema-sensitive"
  | "unflagged-secret"
  | "configured"
  | "coder-secret"
  | "sensitive-variable"
  | "sensitive-call"
  | "sensitive-output"
  | "secret-name"
  | "secret-parameter"
  | "parameter-candidate"
  | "module-input";

/** Where a secret value comes from. `id` is stable (`random_password.db.result`, `var.token`). */
export interface SecretSource {
  readonly id: string;
  readonly kind: SourceKind;
  /** Why it is a secret, for messages: "sensitive in the provider schema". */
  readonly reason: string;
  readonly file: string;
  readonly range: Range;
}

/** A named value the secret passed through on its way (`local.db_pass`). */
export interface Hop {
  readonly label: string;
  readonly file: string;
  readonly range: Range;
}

export interface Trace {
  readonly source: SecretSource;
  readonly hops: readonly Hop[];
}

/** The secrets a value carries: empty when it carries none. */
export type Taint = readonly Trace[];

export const CLEAN: Taint = [];

const MAX_TRACES = 8;

export function mergeTaint(...taints: Taint[]): Taint {
  const nonEmpty = taints.filter((t) => t.length > 0);
  if (nonEmpty.length === 0) return CLEAN;
  if (nonEmpty.length === 1) return nonEmpty[0] ?? CLEAN;
  const seen = new Set<string>();
  const out: Trace[] = [];
  for (const taint of nonEmpty) {
    for (const trace of taint) {
      const key = traceKey(trace);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(trace);
      if (out.length >= MAX_TRACES) return out;
    }
  }
  return out;
}

function traceKey(trace: Trace): string {
  return trace.source.id + "|" + trace.hops.map((h) => h.label).join(">");
}

export function withHop(taint: Taint, hop: Hop): Taint {
  if (taint.length === 0) return taint;
  return taint.map((t) => (t.hops.some((h) => h.label === hop.label) ? t : { source: t.source, hops: [...t.hops, hop] }));
}

/** `random_password.db.result -> local.db_pass -> local.dsn` */
export function describeTrace(trace: Trace): string {
  return [trace.source.id, ...trace.hops.map((h) => h.label)].join(" -> ");
}
