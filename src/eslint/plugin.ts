import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { ESLint, Linter } from "eslint";
import type { Catalog } from "../catalog/index.js";
import { moduleFiles } from "../discover/discover.js";
import { resolveConfig } from "../engine/config.js";
import { codeBefore, commentBody } from "../engine/suppressions.js";
import { buildCatalog } from "../engine/linter.js";
import { readTemplate } from "../engine/load.js";
import { packageVersion } from "../engine/paths.js";
import { RULES } from "../engine/registry.js";
import { fileKindOf, parseFile, type ParsedFile } from "../hcl/parse.js";
import { initTreeSitter } from "../hcl/tree-sitter.js";
import { localModuleCalls, Module } from "../model/module.js";
import type { Report, Rule } from "../model/rule.js";
import type { Comment, HclFile } from "../model/types.js";
import { ModuleAnalysis } from "../taint/analysis.js";

/**
 * The ESLint 10 language plugin: `coder-secrets/hcl` parses Terraform templates with the same
 * tree-sitter model as the CLI, and every rule of ours runs through the same core, so editors show
 * exactly what the CLI shows. ESLint's `parse` is synchronous: tree-sitter (WebAssembly) is
 * initialised here, once, before ESLint lints anything.
 */
await initTreeSitter();

const NAMESPACE = "coder-secrets";
const MAX_FILE_SIZE = 4 * 1024 * 1024;

interface Loc {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

interface CommentNode {
  readonly type: "Comment";
  readonly value: string;
  readonly loc: Loc;
  readonly range: [number, number];
}

/** The AST ESLint sees: one node for the file; rules work on the typed model it carries. */
export interface HclProgram {
  readonly type: "Program";
  readonly file: HclFile;
  readonly comments: readonly CommentNode[];
  readonly loc: Loc;
  readonly range: [number, number];
}

function commentNode(comment: Comment): CommentNode {
  return {
    type: "Comment",
    value: comment.text,
    loc: { start: { line: comment.range.start.line, column: comment.range.start.column }, end: { line: comment.range.end.line, column: comment.range.end.column } },
    range: [comment.range.start.offset, comment.range.end.offset],
  };
}

const commentParser = new ConfigCommentParser();
const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));
/** `coder-secrets-lint-ignore[-file] <ids> -- <reason>`: the CLI's own suppression syntax. */
const OUR_DIRECTIVE = /^\s*coder-secrets-lint-ignore(-file)?\s+([^]*?)\s--\s*([^]*)$/;
const DIRECTIVE_TYPES: Readonly<Record<string, "disable" | "enable" | "disable-line" | "disable-next-line">> = {
  "eslint-disable": "disable",
  "eslint-enable": "enable",
  "eslint-disable-line": "disable-line",
  "eslint-disable-next-line": "disable-next-line",
};

class HclSourceCode extends TextSourceCodeBase<{ LangOptions: Record<string, never>; RootNode: HclProgram; SyntaxElementWithLoc: HclProgram | CommentNode; ConfigNode: CommentNode }> {
  constructor(text: string, ast: HclProgram) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
  }

  override traverse(): Iterable<VisitNodeStep> {
    return [new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, null] }), new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, null] })];
  }

  override getParent(): undefined {
    return undefined;
  }

  getInlineConfigNodes(): readonly CommentNode[] {
    return this.ast.comments;
  }

  /**
   * `# eslint-disable-next-line coder-secrets/x`, with `#`, `//` and `/* *\/` comments; and our own
   * `coder-secrets-lint-ignore` directives, so that editors suppress what the CLI suppresses.
   */
  getDisableDirectives(): { problems: never[]; directives: Directive[] } {
    const directives: Directive[] = [];
    for (const node of this.ast.comments) {
      const body = commentBody(node.value);
      const parsed = commentParser.parseDirective(body);
      const type = parsed ? DIRECTIVE_TYPES[parsed.label] : undefined;
      if (parsed && type) {
        directives.push(new Directive({ type, node, value: parsed.value, justification: parsed.justification }));
        continue;
      }
      const ours = OUR_DIRECTIVE.exec(body);
      if (!ours?.[3]?.trim()) continue;
      const ids = (ours[2] ?? "").split(/[\s,]+/).filter((id) => id.length > 0);
      // as in the CLI, a directive naming an unknown rule suppresses nothing
      if (ids.length === 0 || ids.some((id) => !RULE_IDS.has(id))) continue;
      const value = ids.map((id) => `${NAMESPACE}/${id}`).join(", ");
      const directiveType = ours[1] ? "disable" : codeBefore(this.text, node.range[0]) ? "disable-line" : "disable-next-line";
      directives.push(new Directive({ type: directiveType, node, value, justification: ours[3].trim() }));
    }
    return { problems: [], directives };
  }

  applyInlineConfig(): { configs: never[]; problems: never[] } {
    return { configs: [], problems: [] };
  }
}

/** Sibling files come from disk (the editor has only the current one), re-read when they change. */
const siblingCache = new Map<string, { stamp: string; file: ParsedFile | null }>();

function siblingFile(path: string): ParsedFile | null {
  const kind = fileKindOf(path);
  if (!kind) return null;
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${String(stat.mtimeMs)}:${String(stat.size)}`;
  } catch {
    return null;
  }
  const cached = siblingCache.get(path);
  if (cached?.stamp === stamp) return cached.file;
  const read = readTemplate(path, MAX_FILE_SIZE);
  const file = "text" in read ? parseFile(path, read.text, kind) : null;
  const usable = file && file.syntaxErrors.length === 0 ? file : null;
  siblingCache.set(path, { stamp, file: usable });
  return usable;
}

function buildModule(dir: string, current: HclFile | null, chain: readonly string[]): Module {
  const files: HclFile[] = [];
  for (const path of moduleFiles(dir)) {
    if (current && path === current.path) continue;
    const file = siblingFile(path);
    if (file) files.push(file);
  }
  if (current) files.push(current);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const module = new Module(dir, files);
  for (const call of localModuleCalls(module, chain)) module.children.set(call.name, buildModule(call.dir, null, [...chain, dir]));
  return module;
}

const catalogs = new Map<string, Catalog>();

function catalogFor(dir: string): Catalog {
  const config = resolveConfig({ cwd: dir });
  const key = config.configFile ?? "(none)";
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = buildCatalog(config);
    catalogs.set(key, catalog);
  }
  return catalog;
}

/** One analysis per linted file, shared by all rules (they run on the same Program node). */
const analyses = new WeakMap<HclProgram, { module: Module; analysis: ModuleAnalysis }>();

function analysisFor(program: HclProgram): { module: Module; analysis: ModuleAnalysis } {
  let entry = analyses.get(program);
  if (!entry) {
    const dir = dirname(program.file.path);
    const module = buildModule(dir, program.file, []);
    entry = { module, analysis: new ModuleAnalysis(module, catalogFor(dir)) };
    analyses.set(program, entry);
  }
  return entry;
}

interface EslintFixer {
  replaceTextRange(range: [number, number], text: string): unknown;
}

interface EslintRuleContext {
  report(descriptor: { messageId: string; data?: Record<string, string>; loc: Loc; fix?: (fixer: EslintFixer) => unknown }): void;
}

function toEslintRule(rule: Rule): object {
  return {
    meta: {
      type: "problem",
      docs: { description: rule.meta.description, url: rule.meta.docsUrl, recommended: true },
      messages: rule.meta.messages,
      schema: [],
      ...(rule.meta.fixable ? { fixable: rule.meta.fixable } : {}),
      languages: [`${NAMESPACE}/hcl`],
    },
    create(context: EslintRuleContext) {
      return {
        Program(program: HclProgram) {
          if (program.file.kind === "tftpl" && rule.meta.id !== "no-hardcoded-credentials") return;
          const { module, analysis } = analysisFor(program);
          rule.check({
            module,
            analysis,
            options: {},
            report(report: Report) {
              // a module is one scope, but a rule reports only in the file being linted
              if (report.file !== program.file.path) return;
              const fix = report.fix;
              context.report({
                messageId: report.messageId,
                ...(report.data ? { data: { ...report.data } } : {}),
                loc: {
                  start: { line: report.range.start.line, column: report.range.start.column },
                  end: { line: report.range.end.line, column: report.range.end.column },
                },
                ...(fix ? { fix: (fixer: EslintFixer) => fixer.replaceTextRange([fix.range.start.offset, fix.range.end.offset], fix.text) } : {}),
              });
            },
          });
        },
      };
    },
  };
}

interface EslintFile {
  readonly path: string;
  readonly body: string | Uint8Array;
}

function describeTreeSitterError(file: ParsedFile): string {
  const offset = file.suspectErrorOffsets[0] ?? 0;
  const near = file.text.slice(offset, offset + 20).split("\n")[0]?.trim() ?? "";
  return near ? `Syntax error near "${near}"` : "Syntax error: unexpected end of input";
}

export const hclLanguage = {
  fileType: "text" as const,
  lineStart: 1 as const,
  columnStart: 1 as const,
  nodeTypeKey: "type",
  visitorKeys: { Program: [] as string[] },
  defaultLanguageOptions: {},
  validateLanguageOptions(options: Record<string, unknown> | undefined): void {
    const keys = Object.keys(options ?? {});
    if (keys.length > 0) throw new Error(`${NAMESPACE}/hcl has no language options (got ${keys.join(", ")})`);
  },
  parse(file: EslintFile): { ok: true; ast: HclProgram } | { ok: false; errors: { message: string; line: number; column: number }[] } {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    const path = resolve(file.path);
    const kind = fileKindOf(path) ?? "tf";
    const parsed = parseFile(path, text, kind);
    const error = parsed.syntaxErrors[0];
    if (error) return { ok: false, errors: [{ message: error.message, line: error.range.start.line, column: error.range.start.column }] };
    if (parsed.suspectErrorOffsets.length > 0) {
      // the reference parser is asynchronous (Go WebAssembly), so ESLint gets tree-sitter's position
      const lines = text.slice(0, parsed.suspectErrorOffsets[0] ?? 0).split("\n");
      return { ok: false, errors: [{ message: describeTreeSitterError(parsed), line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 }] };
    }
    const lines = text.split("\n");
    return {
      ok: true,
      ast: {
        type: "Program",
        file: parsed,
        comments: parsed.comments.map(commentNode),
        loc: { start: { line: 1, column: 1 }, end: { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 } },
        range: [0, text.length],
      },
    };
  },
  createSourceCode(file: EslintFile, result: { ast: HclProgram }): HclSourceCode {
    return new HclSourceCode(typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body), result.ast);
  },
};

const rules = Object.fromEntries(RULES.map((rule) => [rule.meta.id, toEslintRule(rule)])) as unknown as NonNullable<ESLint.Plugin["rules"]>;

const recommended: Linter.Config = {
  name: `${NAMESPACE}/recommended`,
  files: ["**/*.tf", "**/*.tf.json", "**/*.tfvars", "**/*.tfvars.json", "**/*.tftpl"],
  language: `${NAMESPACE}/hcl`,
  plugins: {},
  rules: Object.fromEntries(RULES.map((r) => [`${NAMESPACE}/${r.meta.id}`, r.meta.defaultSeverity])),
};

const plugin = {
  meta: { name: "coder-secrets-lint/eslint-plugin", namespace: NAMESPACE, version: packageVersion() },
  languages: { hcl: hclLanguage as unknown as NonNullable<ESLint.Plugin["languages"]>[string] },
  rules,
  configs: { recommended },
} satisfies ESLint.Plugin;
// the recommended config registers the plugin itself, as @eslint/json does
(recommended.plugins ?? {})[NAMESPACE] = plugin;

export default plugin;
