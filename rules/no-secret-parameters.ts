import { attr, literalString, type Module, traversalNames } from "../src/model/module.js";
import type { Expr } from "../src/model/types.js";
import { docsUrl, type Rule } from "../src/rule-api/rule.js";
import { scopeIn } from "../src/taint/taint.js";
import { describeTrace } from "../src/taint/types.js";
import { mapEntries, unwrap } from "../src/taint/values.js";

/**
 * The parameter a computed preset key names: `(data.coder_parameter.x.name)` is parameter x's
 * `name`, as written in its block (else the label); any other computed key is "(computed)".
 */
function computedParameterName(module: Module, key: Expr | undefined): string {
  const inner = key ? unwrap(key) : undefined;
  const names = inner ? traversalNames(inner) : null;
  if (!names || names[0] !== "data" || names[1] !== "coder_parameter" || names[3] !== "name" || !names[2]) return "(computed)";
  const block = module.findData("coder_parameter", names[2]);
  return (block ? literalString(attr(block.node.body, "name")?.value) : null) ?? names[2];
}

/**
 * A `coder_parameter` must not collect a secret: Coder shows parameter values in cleartext around
 * the product (build parameters, the API, template insights).
 */
export const noSecretParameters: Rule = {
  meta: {
    id: "no-secret-parameters",
    description: "Disallow coder_parameter blocks that collect a secret",
    rationale:
      "Coder shows parameter values in cleartext around the product: in the workspace settings, build parameters returned by the API and template insights. Anyone with view access to a workspace can read them. mask_input only hides the characters while typing.",
    defaultSeverity: "error",
    docsUrl: docsUrl("no-secret-parameters"),
    messages: {
      secretParameter:
        'Parameter "{{name}}" collects a secret ({{evidence}}), but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.',
      secretPreset:
        'Preset {{preset}} fills parameter "{{name}}" with secret {{trace}} ({{reason}}): a preset\'s values become the workspace\'s build parameters, which Coder stores and shows in cleartext. Read the secret where it is used instead of passing it as a parameter.',
    },
    tags: ["security", "secrets", "coder_parameter"],
    securitySeverity: 7.5,
  },
  check(context) {
    for (const [name, parameter] of context.analysis.secretParameters) {
      context.report({
        messageId: "secretParameter",
        data: { name, evidence: parameter.evidence.map((e) => e.text).join("; ") },
        file: parameter.block.file.path,
        range: parameter.block.node.headerRange,
      });
    }
    // coder_workspace_preset: what a preset fills in is stored as a cleartext build parameter
    const taint = context.analysis.taint;
    for (const preset of context.module.dataSources("coder_workspace_preset")) {
      const parameters = attr(preset.node.body, "parameters");
      if (!parameters) continue;
      const scope = taint.blockScope(preset);
      for (const entry of mapEntries(context.module, parameters.value, preset.file.path).entries) {
        const flowed = taint.taintOf(entry.value, scopeIn(entry.file, scope));
        const first = flowed.find((t) => t.source.kind !== "parameter-candidate");
        if (!first) continue;
        context.report({
          messageId: "secretPreset",
          data: { preset: `data.coder_workspace_preset.${preset.node.labels[1] ?? ""}`, name: entry.key ?? computedParameterName(context.module, entry.keyExpr), trace: describeTrace(first), reason: first.source.reason },
          file: entry.file,
          range: entry.range,
          trace: first,
        });
      }
    }
  },
};
