import { docsUrl, type Rule } from "../src/rule-api/rule.js";

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
  },
};
