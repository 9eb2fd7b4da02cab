import { escapeRegExp } from "../src/detectors/search.js";
import { lowerBound } from "../src/model/text-index.js";
import { attr, type Located, nestedBlocks } from "../src/model/module.js";
import { docsUrl, type Rule, THROUGH_MODULE_MESSAGE } from "../src/rule-api/rule.js";
import type { Block, Expr } from "../src/model/types.js";
import { type Scope, scopeIn } from "../src/taint/taint.js";
import { taintedInterpolations } from "../src/taint/templates.js";
import { describeTrace } from "../src/taint/types.js";
import { mapEntries } from "../src/taint/values.js";

interface ScriptSink {
  readonly where: string;
  readonly file: string;
  readonly expr: Expr;
  readonly scope: Scope;
}

/** Scripts Coder stores, returns from its API and streams into logs. */
function scriptSinks(blocks: readonly Located<Block>[], scopeOf: (b: Located<Block>) => Scope): ScriptSink[] {
  const sinks: ScriptSink[] = [];
  for (const block of blocks) {
    const [type = "", name = ""] = block.node.labels;
    const body = block.node.body;
    const add = (attribute: string, expr: Expr | undefined, where: string): void => {
      if (expr) sinks.push({ where: `${where} ${attribute}`, file: block.file.path, expr, scope: scopeOf(block) });
    };
    if (type === "coder_script") add("script", attr(body, "script")?.value, `coder_script.${name}`);
    if (type === "coder_app") add("command", attr(body, "command")?.value, `coder_app.${name}`);
    if (type === "coder_agent") {
      add("startup_script", attr(body, "startup_script")?.value, `coder_agent.${name}`);
      add("shutdown_script", attr(body, "shutdown_script")?.value, `coder_agent.${name}`);
      for (const metadata of nestedBlocks(body, "metadata")) add("script", attr(metadata.body, "script")?.value, `coder_agent.${name} metadata`);
    }
  }
  return sinks;
}

/**
 * What a script prints by itself, found once per script text: the `cat <<MARKER` heredocs that
 * write to stdout and where each is closed, and where `set -x` / `set +x` switch tracing on and
 * off. Asked per interpolation by offset (binary search), so a script with 80,000 interpolations is
 * not scanned 80,000 times from its start (it was: minutes).
 */
interface ScriptContext {
  /** `cat <<` heredocs by the end of their opening line, with where their closing line ends (Infinity if never). */
  readonly heredocs: readonly { readonly openEnd: number; readonly start: number; readonly closeEnd: number; readonly toStdout: boolean }[];
  /** `set -x` (true) and `set +x` (false), by the end of the command. */
  readonly tracing: readonly { readonly end: number; readonly on: boolean }[];
}

/** Distinct heredoc markers whose closing lines are looked for: more are treated as not printing. */
const MAX_HEREDOC_MARKERS = 64;

function scriptContext(text: string): ScriptContext {
  const closings = new Map<string, number[]>();
  const closingEnds = (marker: string): number[] | null => {
    let ends = closings.get(marker);
    if (!ends) {
      if (closings.size >= MAX_HEREDOC_MARKERS) return null;
      ends = [...text.matchAll(new RegExp(`(?<=^|\\n)[ \\t]*${escapeRegExp(marker)}[ \\t]*(?=\\n|$)`, "g"))].map((m) => m.index + m[0].length);
      closings.set(marker, ends);
    }
    return ends;
  };
  const heredocs: { openEnd: number; start: number; closeEnd: number; toStdout: boolean }[] = [];
  for (const match of text.matchAll(/(?:^|\n)[^\n]*\bcat\s*<<-?\s*['"]?(\w+)['"]?([^\n]*)\n/g)) {
    const openEnd = match.index + match[0].length;
    const redirected = />/.test(match[2] ?? "") || /\|/.test(match[2] ?? "") || />\s*\S/.test(match[0]);
    const ends = closingEnds(match[1] ?? "");
    const closeEnd = ends ? (ends.find((end) => end > openEnd) ?? Infinity) : -1;
    heredocs.push({ openEnd, start: match.index, closeEnd, toStdout: !redirected && ends !== null });
  }
  const tracing = [...text.matchAll(/\bset\s+([-+])[a-wyz]*x[a-z]*\b|\bset\s+([-+])o\s+xtrace\b/g)].map((m) => ({ end: m.index + m[0].length, on: (m[1] ?? m[2]) === "-" }));
  return { heredocs, tracing };
}

/** The last of `items` (ascending by integer `key`) whose key is at most `offset`. */
function lastAtOrBefore<T>(items: readonly T[], key: (item: T) => number, offset: number): T | undefined {
  return items[lowerBound(items, key, offset + 1) - 1];
}

const contexts = new Map<string, ScriptContext>();

/** Does the script print what is interpolated here (rather than store or pipe it)? */
export function printsInterpolation(before: string, after: string, text = `${before}\u0000${after}`): string | null {
  const lineStart = before.lastIndexOf("\n") + 1;
  const linePrefix = before.slice(lineStart);
  const lineEnd = after.indexOf("\n");
  const lineRest = lineEnd === -1 ? after : after.slice(0, lineEnd);
  const redirected = /(^|[^<>])>{1,2}\s*[^\s&]|\|/.test(lineRest) || /\|\s*$/.test(linePrefix);
  const printer = /(?:^|[;&|(\s])(echo|printf)(?=\s)/.exec(linePrefix);
  if (printer && !redirected) return printer[1] ?? "echo";
  let context = contexts.get(text);
  if (!context) {
    // one script at a time is asked about: keep only its context
    contexts.clear();
    context = scriptContext(text);
    contexts.set(text, context);
  }
  const offset = before.length;
  // inside `cat <<EOF` ... EOF that writes to stdout
  const heredoc = lastAtOrBefore(context.heredocs, (h) => h.openEnd, offset);
  if (heredoc?.toStdout && heredoc.closeEnd > offset) return "cat <<";
  // shell tracing prints every command with its expanded arguments
  if (lastAtOrBefore(context.tracing, (t) => t.end, offset)?.on) return "set -x";
  return null;
}

export const noSecretInScripts: Rule = {
  meta: {
    id: "no-secret-in-scripts",
    description: "Disallow secrets interpolated into scripts and commands Coder stores and logs",
    rationale:
      "coder_script scripts, agent startup and shutdown scripts, agent metadata scripts and coder_app commands are stored by Coder and returned by its API to anyone who can read the workspace, and script output streams into build and agent logs. Read secrets at run time instead (environment variables from coder_env, files, or `coder external-auth access-token`).",
    defaultSeverity: "warn",
    docsUrl: docsUrl("no-secret-in-scripts"),
    messages: {
      throughModule: THROUGH_MODULE_MESSAGE,
      secretInScript: "Secret {{trace}} ({{reason}}) is interpolated into {{where}}, which Coder stores and returns from its API; pass it through the environment instead.",
      secretPrinted: "Secret {{trace}} ({{reason}}) is interpolated into {{where}} and printed by `{{printer}}`: it ends up in the workspace logs; pass it through the environment and never print it.",
      ownerSshKey:
        "The workspace owner's SSH private key ({{trace}}) is interpolated into {{where}}: Coder keeps these keys off disk on purpose, and Git over SSH already uses it through `coder gitssh` (GIT_SSH_COMMAND, set by the agent). Remove it from the script.",
      secretIntoTemplate: "Secret {{trace}} ({{reason}}) is passed into the script template of {{where}} as \"{{name}}\"; the rendered script is stored by Coder and returned from its API.",
    },
    tags: ["security", "secrets", "scripts"],
    securitySeverity: 6.0,
  },
  check(context) {
    const taint = context.analysis.taint;
    const blocks = context.module.resources();
    for (const sink of scriptSinks(blocks, (b) => taint.blockScope(b))) {
      // templatefile("script.sh", { token = <secret> }), inline or built in a local
      const templatefiles: { call: Extract<Expr, { kind: "call" }>; scope: Scope }[] = [];
      const found = taintedInterpolations(sink.expr, taint, sink.scope, undefined, (call, scope) => templatefiles.push({ call, scope }));
      for (const { interpolation, taint: t, file, via } of found) {
        const first = t[0];
        if (!first) continue;
        const printer = printsInterpolation(interpolation.before, interpolation.after, interpolation.text);
        // the script may be built in a local: the finding is where the secret enters it
        const where = via.length > 0 ? `${sink.where} (built in ${via.map((h) => h.label).join(" <- ")})` : sink.where;
        // the owner's SSH key has a better answer than "use the environment": do not write it at all
        const ownerKey = /^data\.coder_workspace_owner\.[^.]+\.ssh_private_key$/.test(first.source.id);
        context.report({
          messageId: ownerKey ? "ownerSshKey" : printer ? "secretPrinted" : "secretInScript",
          data: { trace: describeTrace(first), reason: first.source.reason, where, printer: printer ?? "" },
          file,
          range: interpolation.part.range,
          trace: first,
          // one finding per secret per script (and per way it is exposed): repeats are related locations
          group: `${sink.where}\u0000${first.source.id}\u0000${printer ? "printed" : "stored"}`,
          ...(printer ? { escalate: true } : {}),
        });
      }
      for (const { call, scope } of templatefiles) {
        const variables = call.args[1];
        if (!variables) continue;
        // the variables map built any way (literal, merge(), a local): each entry where it is written
        for (const entry of mapEntries(context.module, variables, scope.file).entries) {
          const first = taint.taintOf(entry.value, scopeIn(entry.file, scope))[0];
          if (!first) continue;
          context.report({
            messageId: "secretIntoTemplate",
            data: { trace: describeTrace(first), reason: first.source.reason, where: sink.where, name: entry.key ?? "?" },
            file: entry.file,
            range: entry.range,
            trace: first,
            // one secret passed in under several names is one finding
            group: `${sink.where}\u0000${first.source.id}\u0000template`,
          });
        }
      }
    }
  },
};
