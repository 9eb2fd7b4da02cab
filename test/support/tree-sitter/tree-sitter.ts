import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";

/**
 * Test support only: the tree-sitter parser the linter used before it had its own (src/hcl/parser.ts).
 * The model it builds is the reference the new parser is compared with, file by file.
 *
 * One tree-sitter parser for the HCL/Terraform grammar, initialised once per process. `init` is async
 * (WebAssembly); after it, parsing is synchronous, which the ESLint language needs.
 */
let parser: Parser | null = null;
let pending: Promise<Parser> | null = null;


const require = createRequire(import.meta.url);

function grammarWasmPath(): string {
  return require.resolve("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm");
}

export async function initTreeSitter(): Promise<Parser> {
  if (parser) return parser;
  pending ??= (async () => {
    await Parser.init();
    const language = await Language.load(grammarWasmPath());
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
    return created;
  })();
  return pending;
}

export function getParser(): Parser {
  if (!parser) throw new Error("tree-sitter is not initialised: await initTreeSitter() first");
  return parser;
}

