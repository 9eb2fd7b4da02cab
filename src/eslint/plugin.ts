import { resolve } from "node:path";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { ESLint, Linter } from "eslint";
import { checkFile, type Comment, type EditorOptions, type HclFile, parseForEditor } from "../engine/editor.js";
import { codeBefore, commentBody } from "../engine/suppressions.js";
import { packageVersion } from "../engine/paths.js";
import { type Report, type Rule, RULES } from "../engine/registry.js";

/**
 * The ESLint 10 language plugin: `coder-secrets/hcl` parses Terraform templates with the
 * same parser and model as the CLI, and every rule of ours runs through the same core, so editors
 * show exactly what the CLI shows. The parser is synchronous JavaScript, so the plugin loads with
 * `import` and `require()` alike (no top-level `await`).
 */

const NAMESPACE = "coder-secrets";

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

interface EslintFixer {
  replaceTextRange(range: [number, number], text: string): unknown;
}

interface EslintRuleContext {
  readonly settings?: Readonly<Record<string, unknown>>;
  report(descriptor: { messageId?: string; message?: string; data?: Record<string, string>; loc: Loc; fix?: (fixer: EslintFixer) => unknown }): void;
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
          checkFile(rule, program.file, (report: Report, foldedMessage?: string) => {
            const fix = report.fix;
            context.report({
              // a finding that folds others in says so in its text, as in the CLI
              ...(foldedMessage !== undefined ? { message: foldedMessage } : { messageId: report.messageId, ...(report.data ? { data: { ...report.data } } : {}) }),
              loc: {
                start: { line: report.range.start.line, column: report.range.start.column },
                end: { line: report.range.end.line, column: report.range.end.column },
              },
              ...(fix ? { fix: (fixer: EslintFixer) => fixer.replaceTextRange([fix.range.start.offset, fix.range.end.offset], fix.text) } : {}),
            });
          }, editorOptions(context.settings));
        },
      };
    },
  };
}

/**
 * The plugin's shared settings (`settings: { "coder-secrets": { foldIntoParameters: false } }`):
 * a rule cannot see whether ESLint's configuration turns no-secret-parameters off, so a project
 * that does says so here, and its parameters' downstream findings are reported by their own rules.
 */
function editorOptions(settings: Readonly<Record<string, unknown>> | undefined): EditorOptions {
  const ours = settings?.[NAMESPACE];
  if (typeof ours !== "object" || ours === null) return {};
  const fold = (ours as Record<string, unknown>).foldIntoParameters;
  return typeof fold === "boolean" ? { foldIntoParameters: fold } : {};
}

interface EslintFile {
  readonly path: string;
  readonly body: string | Uint8Array;
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
    const parsed = parseForEditor(resolve(file.path), text);
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    const lines = text.split("\n");
    return {
      ok: true,
      ast: {
        type: "Program",
        file: parsed.file,
        comments: parsed.file.comments.map(commentNode),
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
