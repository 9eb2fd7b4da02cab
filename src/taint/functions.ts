/**
 * What every Terraform built-in function does to a secret passed to it: one table, one decision per
 * function (Terraform 1.10's list). A function missing here is treated as passing its arguments
 * through, and test/functions.test.ts lists the known names, so that a new Terraform function is a
 * conscious decision rather than a silent default.
 */

export type FunctionBehaviour =
  /** The result carries the arguments' secrets (string, collection, encoding and conversion functions). */
  | "passes"
  /** A one-way digest: the secret does not come out. */
  | "hashes"
  /** A boolean about the arguments (`can`, `contains`, `startswith`): no secret, and a boolean. */
  | "boolean"
  /** A number about the arguments (`length`, `index`, `sum`): no secret, and a number. */
  | "number"
  /** Reads something else than its arguments' values: map keys, the type, a time, a random id, network math. */
  | "unrelated"
  /** `sensitive(x)`: the result is a secret whatever x was. */
  | "marks-sensitive"
  /** Object and map functions that keep each key's value apart (`merge`, `lookup`, `tomap`, `try`, `coalesce`, `zipmap`). */
  | "keyed";

const TABLE: Readonly<Record<FunctionBehaviour, readonly string[]>> = {
  passes: [
    // strings
    "chomp", "format", "formatlist", "indent", "join", "lower", "regex", "regexall", "replace", "split", "strrev",
    "substr", "templatestring", "title", "trim", "trimprefix", "trimspace", "trimsuffix", "upper",
    // collections
    "chunklist", "coalescelist", "compact", "concat", "distinct", "element", "flatten", "matchkeys", "one",
    "reverse", "setintersection", "setproduct", "setsubtract", "setunion", "slice", "sort", "transpose", "values",
    "list", "map",
    // encoding
    "base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode", "jsonencode", "textdecodebase64",
    "textencodebase64", "urlencode", "yamldecode", "yamlencode",
    // files: the path is not the secret, the content may be (templatefile renders its variables in)
    "abspath", "basename", "dirname", "pathexpand", "file", "filebase64", "fileset", "templatefile",
    // conversion and Terraform: nonsensitive unwraps a secret, it does not end it
    "tobool", "tolist", "tonumber", "toset", "tostring", "nonsensitive", "ephemeralasnull", "parseint",
    // decryption gives the secret back
    "rsadecrypt",
    // numbers chosen among the arguments themselves
    "max", "min", "abs", "ceil", "floor",
  ],
  hashes: [
    "md5", "sha1", "sha256", "sha512", "bcrypt", "base64sha256", "base64sha512", "filemd5", "filesha1", "filesha256",
    "filesha512", "filebase64sha256", "filebase64sha512", "uuidv5",
  ],
  boolean: ["can", "contains", "issensitive", "startswith", "endswith", "strcontains", "alltrue", "anytrue", "fileexists", "timecmp"],
  number: ["length", "index", "sum", "log", "pow", "signum"],
  unrelated: [
    "keys", "type", "timestamp", "plantimestamp", "formatdate", "timeadd", "uuid", "range", "cidrhost", "cidrnetmask",
    "cidrsubnet", "cidrsubnets",
  ],
  "marks-sensitive": ["sensitive"],
  keyed: ["merge", "lookup", "tomap", "try", "coalesce", "zipmap"],
};

const BEHAVIOUR = new Map<string, FunctionBehaviour>();
for (const [behaviour, names] of Object.entries(TABLE) as [FunctionBehaviour, readonly string[]][]) {
  for (const name of names) BEHAVIOUR.set(name, behaviour);
}

/** Every function the table decides about. */
export const KNOWN_FUNCTIONS: readonly string[] = [...BEHAVIOUR.keys()].sort();

/** The bare name of a call: `provider::aws::arn_parse` is provider-defined, `core::length` is `length`. */
export function functionName(name: string): string {
  return name.replace(/^core::/, "");
}

/** What a function does to its arguments' secrets; unknown functions (provider-defined ones too) pass them. */
export function functionBehaviour(name: string): FunctionBehaviour {
  return BEHAVIOUR.get(functionName(name)) ?? "passes";
}

/** Is this a function the table knows? */
export function isKnownFunction(name: string): boolean {
  return BEHAVIOUR.has(functionName(name));
}
