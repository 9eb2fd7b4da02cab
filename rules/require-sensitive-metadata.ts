import { docsUrl, type Rule, THROUGH_MODULE_MESSAGE } from "../src/rule-api/rule.js";
import { describeTrace } from "../src/taint/types.js";
import { envInjections, metadataItems, taintWithKey, valueIdentities } from "../src/taint/workspace.js";

/**
 * A secret injected into the workspace (agent `env`, `coder_env`) should be shown to its user only
 * through a `coder_metadata` item marked `sensitive = true`, as Coder's secrets guide does.
 */
export const requireSensitiveMetadata: Rule = {
  meta: {
    id: "require-sensitive-metadata",
    description: "Require a sensitive coder_metadata item for every secret injected into the workspace",
    rationale:
      "Values in coder_agent env and coder_env are stored by Coder and returned by its API. Coder's secrets guide pairs every injected secret with a coder_metadata item marked sensitive = true, so that the workspace page hides it by default and reviewers can see which secrets a workspace receives.",
    defaultSeverity: "warn",
    docsUrl: docsUrl("require-sensitive-metadata"),
    messages: {
      throughModule: THROUGH_MODULE_MESSAGE,
      missingSensitiveMetadata:
        "Secret {{trace}} is injected as {{target}} without a coder_metadata item marked sensitive = true that shows the same secret.",
    },
    tags: ["security", "secrets", "coder_metadata"],
    securitySeverity: 4.0,
  },
  check(context) {
    // A reusable module (it defines no coder_agent and is handed one through var.agent_id) cannot
    // pair its env with the template's metadata: its findings would be noise to its authors (the
    // Coder registry's own modules). `checkModules: true` reports them anyway.
    const reusableModule = context.module.resources("coder_agent").length === 0 && context.module.findVariable("agent_id") !== undefined;
    if (reusableModule && context.options.checkModules !== true) return;
    const taint = context.analysis.taint;
    const covered = new Set<string>();
    for (const item of metadataItems(context.module, taint)) {
      if (item.sensitive !== true || !item.value) continue;
      const flowed = taint.taintOf(item.value, item.scope);
      for (const id of valueIdentities(item.value, flowed)) covered.add(id);
    }
    for (const site of envInjections(context.module, taint)) {
      const flowed = taintWithKey(taint, site.expr, site.scope, site.envName, site.range, "env");
      const first = flowed[0];
      if (!first) continue;
      const identities = valueIdentities(site.expr, flowed);
      if ([...identities].some((id) => covered.has(id))) continue;
      context.report({
        messageId: "missingSensitiveMetadata",
        data: { trace: `${describeTrace(first)} (${first.source.reason})`, target: site.description },
        file: site.file,
        range: site.range,
        trace: first,
      });
    }
  },
};
