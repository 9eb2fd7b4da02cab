import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parse as parseJsonWithPositions } from "@humanwhocodes/momoa";
import { GlobError, globMatcher } from "../discover/glob.js";
import { readBounded } from "../discover/read-file.js";
import type { Ajv as AjvType } from "ajv";
import type { Severity } from "../rule-api/rule.js";
import { loadAjv } from "./ajv-loader.js";
import { packageRoot } from "./paths.js";
import { RULES, RULES_BY_ID } from "./registry.js";

export const CONFIG_FILE = ".coder-secrets-lint.json";
export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;
/** The largest configuration file read. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** The largest provider schema file read (`terraform providers schema -json` of a large provider set). */
export const MAX_SCHEMA_BYTES = 64 * 1024 * 1024;

export interface RuleSetting {
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

/** The configuration after defaults, files and command-line flags are merged. */
export interface ResolvedConfig {
  /** The config file used, if any. */
  readonly configFile: string | null;
  /** Folder that `ignores` and `providerSchemas` are relative to. */
  readonly baseDir: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly ignores: readonly string[];
  readonly sensitiveAttributes: readonly string[];
  readonly providerSchemas: readonly string[];
  readonly maxFileSize: number;
  /**
   * Honour ESLint-style directives without rule ids or without a reason (`# eslint-disable`):
   * off by default, since a bare one silences every rule with no word of why.
   */
  readonly allowBareEslintDirectives: boolean;
  /** Honour inline suppression directives at all (`--no-inline-config` turns them off). */
  readonly inlineConfig: boolean;
}

/** A configuration problem: exit code 2, with the offending key named. */
export class ConfigError extends Error {}

interface RawConfig {
  root?: boolean;
  rules?: Record<string, unknown>;
  ignores?: string[];
  sensitiveAttributes?: string[];
  providerSchemas?: string[];
  maxFileSize?: number;
  allowBareEslintDirectives?: boolean;
}

let validator: ReturnType<AjvType["compile"]> | null = null;

function validate(raw: unknown, file: string): RawConfig {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), "schema", "config.schema.json"), "utf8")) as object;
    const Ajv = loadAjv();
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  if (!validator(raw)) {
    const error = validator.errors?.[0];
    const where = error?.instancePath ? error.instancePath.replace(/^\//, "").replace(/\//g, ".") : "(root)";
    const extra = error?.params && "additionalProperty" in error.params ? ` "${String(error.params.additionalProperty)}"` : "";
    throw new ConfigError(`${file}: invalid configuration at ${where}${extra}: ${error?.message ?? "invalid"}`);
  }
  const config = raw as RawConfig;
  for (const id of Object.keys(config.rules ?? {})) {
    if (!RULES_BY_ID.has(id)) throw new ConfigError(`${file}: invalid configuration at rules: unknown rule "${id}"`);
  }
  return config;
}

export function parseSeverity(value: unknown): Severity | null {
  if (value === "off" || value === 0) return "off";
  if (value === "warn" || value === 1) return "warn";
  if (value === "error" || value === 2) return "error";
  return null;
}

function ruleSetting(value: unknown): RuleSetting {
  if (Array.isArray(value)) {
    return { severity: parseSeverity(value[0]) ?? "off", options: (value[1] ?? {}) as Record<string, unknown> };
  }
  return { severity: parseSeverity(value) ?? "off", options: {} };
}

/**
 * Walks up from `start` to find `.coder-secrets-lint.json`, no further than the repository root
 * (the first folder holding `.git`) or the home folder. Outside both, only `start` itself is looked
 * in: a `/tmp/.coder-secrets-lint.json` that another user wrote must not configure a run in
 * `/tmp/checkout` (it could ignore every file).
 */
export function findConfigFile(start: string, home: string = homedir()): string | null {
  const first = resolve(start);
  const stops = (dir: string): boolean => existsSync(join(dir, ".git")) || dir === home;
  let boundary: string | null = null;
  for (let dir = first; ; dir = dirname(dir)) {
    if (stops(dir)) {
      boundary = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  for (let dir = first; ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (boundary === null || dir === boundary || dirname(dir) === dir) return null;
  }
}

/**
 * A configuration file another user owns and others may write is refused: anyone on the machine
 * could have put `ignores: ["**"]` in it.
 */
function checkConfigOwner(file: string): void {
  let stat: import("node:fs").Stats;
  try {
    stat = statSync(file);
  } catch {
    return; // reported by the read
  }
  const uid = typeof process.getuid === "function" ? process.getuid() : null;
  if (uid !== null && stat.uid !== uid && (stat.mode & 0o022) !== 0) {
    throw new ConfigError(`${file}: refusing a configuration file that another user owns (uid ${String(stat.uid)}) and others can write`);
  }
}

/**
 * What a user must hear whenever a configuration file weakens the run (rules turned off, files
 * ignored, bare ESLint directives allowed): a committed config can silence a gate, so it is never
 * silent. Null when it does none of that.
 */
export function configNote(config: ResolvedConfig): string | null {
  if (!config.configFile) return null;
  const off = Object.entries(config.rules).filter(([id, s]) => s.severity === "off" && RULES_BY_ID.has(id)).map(([id]) => id);
  const parts = [
    ...(off.length > 0 ? [`turns off ${off.join(", ")}`] : []),
    ...(config.ignores.length > 0 ? [`ignores ${config.ignores.map((g) => JSON.stringify(g)).join(", ")}`] : []),
    ...(config.allowBareEslintDirectives ? ["honours bare eslint-disable directives"] : []),
  ];
  return parts.length > 0 ? `configuration ${config.configFile} ${parts.join("; ")}` : null;
}

/**
 * Where a JSON text fails to parse, as "line L, column C": the position only, never the text (a
 * configuration or schema file may hold anything, a secret included).
 */
function jsonErrorPosition(text: string): string {
  try {
    parseJsonWithPositions(text);
  } catch (error) {
    const e = error as { line?: unknown; column?: unknown };
    if (typeof e.line === "number" && typeof e.column === "number") return `line ${String(e.line)}, column ${String(e.column)}`;
  }
  return "an unknown position";
}

/** Reads and parses a JSON file through the bounded reader; errors name the file and a position only. */
export function readJsonFile(file: string, maxBytes: number, what: string, label: string): unknown {
  const read = readBounded(file, maxBytes);
  if (!read.ok) {
    const why = read.reason === "not-regular" ? "not a regular file" : read.reason === "too-large" ? `larger than ${String(maxBytes / 1024 / 1024)} MB` : (read.code ?? "unreadable");
    throw new ConfigError(`${label}: cannot read ${what}: ${why}`);
  }
  const text = read.bytes.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`${label}: ${what} is not valid JSON (at ${jsonErrorPosition(text)})`);
  }
}

export function readConfigFile(file: string): RawConfig {
  return validate(readJsonFile(file, MAX_CONFIG_BYTES, "configuration", file), file);
}

/** The folder a configuration may read files from: its repository (the nearest `.git` above it), else its own folder. */
function readableRoot(configDir: string): string {
  for (let dir = configDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return configDir;
  }
}

/**
 * A provider schema file named by a configuration: a regular file inside the configuration's
 * repository (or folder), valid JSON. A configuration committed to a repository must not make the
 * linter read `/proc`, a device, or files outside the repository.
 */
function checkProviderSchema(schema: string, configDir: string, label: string): void {
  let real: string;
  try {
    real = realpathSync(schema);
  } catch (error) {
    throw new ConfigError(`${label}: providerSchemas: cannot read ${schema}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  const root = realpathSync(readableRoot(configDir));
  if (real !== root && !real.startsWith(root + sep)) {
    throw new ConfigError(`${label}: providerSchemas: ${schema} is outside the repository of the configuration (${root}); only files inside it are read`);
  }
  readJsonFile(real, MAX_SCHEMA_BYTES, "provider schema", `${label}: providerSchemas: ${schema}`);
}

/** A provider schema file's content (checked by resolveConfig), for the catalog. */
export function readProviderSchema(schema: string): unknown {
  return readJsonFile(schema, MAX_SCHEMA_BYTES, "provider schema", schema);
}

export interface ConfigOptions {
  /** `--config FILE`; otherwise the nearest config file above `cwd`. */
  readonly configFile?: string;
  readonly cwd: string;
  /** `--rule id:severity` overrides. */
  readonly ruleOverrides?: readonly string[];
  readonly maxFileSize?: number;
  /** Skip looking for a config file (`--no-config-lookup`). */
  readonly noConfigLookup?: boolean;
  /** `--ignore-pattern` globs, relative to `cwd`, on top of the configuration's `ignores`. */
  readonly ignorePatterns?: readonly string[];
  /** `--no-inline-config`: suppression directives in files are not honoured. */
  readonly noInlineConfig?: boolean;
}

export function resolveConfig(options: ConfigOptions): ResolvedConfig {
  const configFile = options.configFile ? resolve(options.cwd, options.configFile) : options.noConfigLookup ? null : findConfigFile(options.cwd);
  if (configFile && !options.configFile) checkConfigOwner(configFile);
  const raw: RawConfig = configFile ? readConfigFile(configFile) : {};
  const baseDir = configFile ? dirname(configFile) : resolve(options.cwd);
  const rules: Record<string, RuleSetting> = {};
  for (const rule of RULES) rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: {} };
  for (const [id, value] of Object.entries(raw.rules ?? {})) rules[id] = ruleSetting(value);
  for (const override of options.ruleOverrides ?? []) {
    const match = /^([\w-]+)\s*:\s*(\w+)$/.exec(override);
    const severity = match ? parseSeverity(match[2]) : null;
    if (!match || !severity) throw new ConfigError(`--rule "${override}": expected <rule-id>:off|warn|error`);
    const id = match[1] ?? "";
    if (!RULES_BY_ID.has(id)) throw new ConfigError(`--rule "${override}": unknown rule "${id}"`);
    rules[id] = { severity, options: rules[id]?.options ?? {} };
  }
  // command-line patterns are relative to cwd, config ones to the config file's folder
  const cwdFromBase = relative(baseDir, resolve(options.cwd)).split(sep).join("/");
  const commandLine = (options.ignorePatterns ?? []).map((p) => (cwdFromBase === "" || cwdFromBase.startsWith("..") ? p : `${cwdFromBase}/${p.replace(/^\.\//, "")}`));
  const ignores = [...(raw.ignores ?? []), ...commandLine];
  for (const pattern of ignores) {
    try {
      globMatcher(pattern);
    } catch (error) {
      if (error instanceof GlobError) throw new ConfigError(`${configFile ?? CONFIG_FILE}: ignores: ${error.message}`);
      throw error;
    }
  }
  const providerSchemas = (raw.providerSchemas ?? []).map((p) => resolve(baseDir, p));
  for (const schema of providerSchemas) checkProviderSchema(schema, baseDir, configFile ?? CONFIG_FILE);
  return {
    configFile,
    baseDir,
    rules,
    ignores,
    sensitiveAttributes: raw.sensitiveAttributes ?? [],
    providerSchemas,
    maxFileSize: options.maxFileSize ?? raw.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    allowBareEslintDirectives: raw.allowBareEslintDirectives === true,
    inlineConfig: options.noInlineConfig !== true,
  };
}
