import { SCHEMA_SENSITIVE, SECRET_WHEN_NAMED, UNFLAGGED_SECRETS, type AttributeTable } from "./sensitive-attributes.js";

export { isPublicKeyName, isSecretName, lastNameSegment, SECRET_NAME_HINT, secretNameMatch, secretValueName, splitWords } from "./secret-names.js";

export type BlockKind = "resource" | "data";

export interface CatalogHit {
  /** `schema-sensitive` (provider flag), `unflagged-secret` (known secret the provider does not flag), `configured`. */
  readonly kind: "schema-sensitive" | "unflagged-secret" | "configured";
  readonly attribute: string;
}

type MutableTable = Record<BlockKind, Map<string, Set<string>>>;

function toTable(source: AttributeTable): MutableTable {
  const table: MutableTable = { resource: new Map(), data: new Map() };
  for (const kind of ["resource", "data"] as const) {
    for (const [type, attrs] of Object.entries(source[kind])) table[kind].set(type, new Set(attrs));
  }
  return table;
}

function add(table: MutableTable, kind: BlockKind, type: string, attribute: string): void {
  const set = table[kind].get(type) ?? new Set<string>();
  set.add(attribute);
  table[kind].set(type, set);
}

/** Entries split at their dots, once: lookups run for every attribute of every resource. */
const partsByEntry = new Map<string, readonly string[]>();

function entryParts(entry: string): readonly string[] {
  let parts = partsByEntry.get(entry);
  if (!parts) {
    parts = entry.split(".");
    partsByEntry.set(entry, parts);
  }
  return parts;
}

/**
 * A reference path hits a catalog entry when either is a prefix of the other: `x.kube_config` holds
 * `kube_config.password`, and a whole resource (`random_password.pw`, empty path) holds its secrets.
 */
function lookup(table: MutableTable, kind: BlockKind, type: string, path: readonly string[]): string | null {
  const attrs = table[kind].get(type);
  if (!attrs) return null;
  for (const entry of attrs) {
    const parts = entryParts(entry);
    const n = Math.min(parts.length, path.length);
    let same = true;
    for (let i = 0; i < n; i++) if (parts[i] !== path[i]) same = false;
    if (same) return entry;
  }
  return null;
}

/**
 * Which provider attributes hold secrets: the bundled catalog, plus the user's `sensitiveAttributes`
 * and the `sensitive: true` flags of `terraform providers schema -json` files.
 */
export class Catalog {
  private readonly sensitive = toTable(SCHEMA_SENSITIVE);
  private readonly unflagged = toTable(UNFLAGGED_SECRETS);
  private readonly whenNamed = toTable(SECRET_WHEN_NAMED);
  private readonly configured: MutableTable = { resource: new Map(), data: new Map() };

  /** Entries like `twilio_iam_api_key.secret` (resources) or `data.vault_x.token`. */
  addAttributes(entries: readonly string[]): void {
    for (const entry of entries) {
      const isData = entry.startsWith("data.");
      const rest = isData ? entry.slice(5) : entry;
      const dot = rest.indexOf(".");
      if (dot <= 0) continue;
      add(this.configured, isData ? "data" : "resource", rest.slice(0, dot), rest.slice(dot + 1));
    }
  }

  /** Adds every `sensitive: true` attribute of a `terraform providers schema -json` document. */
  addProviderSchema(document: unknown): number {
    let count = 0;
    const schemas = (document as { provider_schemas?: Record<string, unknown> }).provider_schemas ?? {};
    const walk = (kind: BlockKind, type: string, block: unknown, prefix: string): void => {
      const b = block as { attributes?: Record<string, { sensitive?: boolean }>; block_types?: Record<string, { block?: unknown }> };
      for (const [name, attribute] of Object.entries(b.attributes ?? {})) {
        if (attribute.sensitive === true) {
          add(this.configured, kind, type, prefix + name);
          count++;
        }
      }
      for (const [name, nested] of Object.entries(b.block_types ?? {})) walk(kind, type, nested.block, `${prefix}${name}.`);
    };
    for (const provider of Object.values(schemas)) {
      const p = provider as { resource_schemas?: Record<string, { block?: unknown }>; data_source_schemas?: Record<string, { block?: unknown }> };
      for (const [type, schema] of Object.entries(p.resource_schemas ?? {})) walk("resource", type, schema.block, "");
      for (const [type, schema] of Object.entries(p.data_source_schemas ?? {})) walk("data", type, schema.block, "");
    }
    return count;
  }

  /** Is `<type>.<name>.<path...>` a secret by the catalog? */
  lookup(kind: BlockKind, type: string, path: readonly string[]): CatalogHit | null {
    const s = lookup(this.sensitive, kind, type, path);
    if (s) return { kind: "schema-sensitive", attribute: s };
    const u = lookup(this.unflagged, kind, type, path);
    if (u) return { kind: "unflagged-secret", attribute: u };
    const c = lookup(this.configured, kind, type, path);
    if (c) return { kind: "configured", attribute: c };
    return null;
  }

  /** Attributes that hold a secret only when the resource's name says so (`random_string.password`). */
  secretWhenNamed(kind: BlockKind, type: string, path: readonly string[]): string | null {
    return lookup(this.whenNamed, kind, type, path);
  }
}
