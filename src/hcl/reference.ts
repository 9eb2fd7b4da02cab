import type { SyntaxError } from "../model/types.js";
import type { LineIndex } from "../model/positions.js";

/**
 * The reference HCL parser (@cdktf/hcl2json, HashiCorp's hclsyntax compiled to WebAssembly) is
 * loaded only when tree-sitter saw an error, to give the user HCL's own message and position.
 * Its Go runtime can exit on hostile input and leave a call pending, so every call has a deadline.
 */
const DEADLINE_MS = 10_000;

type Hcl2Json = typeof import("@cdktf/hcl2json");
let loaded: Promise<Hcl2Json> | null = null;
let broken = false;

function load(): Promise<Hcl2Json> {
  loaded ??= import("@cdktf/hcl2json");
  return loaded;
}

/** Parses hclsyntax's `file:3,5-4,1: Summary; Detail` diagnostics. */
export function parseDiagnostic(text: string, lines: LineIndex): SyntaxError | null {
  const match = /input\.tf:(\d+),(\d+)-(?:(\d+),)?(\d+): ([^;\]]+)(?:; ([^\]]*?))?(?=\s+input\.tf:|\]?$)/.exec(text);
  if (!match) return null;
  const startLine = Number(match[1]);
  const startColumn = Number(match[2]);
  const endLine = match[3] ? Number(match[3]) : startLine;
  const endColumn = Number(match[4]);
  const summary = (match[5] ?? "").trim();
  const detail = (match[6] ?? "").trim();
  const start = lines.offsetOf(startLine, startColumn);
  const end = Math.max(start, lines.offsetOf(endLine, endColumn));
  return { message: detail ? `${summary}: ${detail}` : summary, range: lines.range(start, end) };
}

/**
 * Asks the reference parser about a file tree-sitter found broken. Returns null when the reference
 * parser accepts it (the grammars differ at the edges), or the first diagnostic.
 */
export async function referenceSyntaxError(text: string, lines: LineIndex): Promise<SyntaxError | null | "unavailable"> {
  if (broken) return "unavailable";
  let timer: NodeJS.Timeout | undefined;
  try {
    const hcl2json = await load();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error("deadline"));
      }, DEADLINE_MS);
    });
    await Promise.race([hcl2json.parse("input.tf", text), deadline]);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === "deadline" || message.includes("Go program has already exited")) {
      broken = true;
      return "unavailable";
    }
    return parseDiagnostic(message, lines) ?? { message: message.replace(/^parse config: \[|\]$/g, ""), range: lines.range(0, 0) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
