import { secretValueName } from "../src/catalog/index.js";
import { holdsNoCredential } from "../src/detectors/credentials.js";
import { addAttributeFix } from "../src/model/edits.js";
import { attr, literalBool, literalString, typeKeyword } from "../src/model/module.js";
import { docsUrl, type Rule } from "../src/rule-api/rule.js";
import type { Expr } from "../src/model/types.js";

function hasLiteralContent(expr: Expr): boolean {
  const text = literalString(expr);
  if (text !== null) return text.trim() !== "";
  if (expr.kind === "tuple") return expr.items.length > 0;
  if (expr.kind === "object") return expr.items.length > 0;
  return false;
}

export const sensitiveVariables: Rule = {
  meta: {
    id: "sensitive-variables",
    description: "Require sensitive = true on secret-named variables, without a literal default",
    rationale:
      "A variable that holds a secret should be declared sensitive = true so that Terraform redacts it in plan and apply output and Coder does not redisplay it. A literal default on such a variable ships the secret in the template source, readable by every template user.",
    defaultSeverity: "warn",
    docsUrl: docsUrl("sensitive-variables"),
    messages: {
      notSensitive: 'Variable "{{name}}" holds a secret (its name says "{{word}}") but is not marked sensitive = true.',
      sensitiveDefault: 'Sensitive variable "{{name}}" has a literal default: every template user can read it in the template source. Remove the default and set the value from the provisioner environment (TF_VAR_{{name}}).',
    },
    tags: ["security", "secrets", "variables"],
    securitySeverity: 4.0,
    fixable: "code",
  },
  check(context) {
    for (const variable of context.module.blocks("variable")) {
      const block = variable.node;
      const name = block.labels[0] ?? "";
      const body = block.body;
      const type = typeKeyword(attr(body, "type")?.value);
      const sensitive = attr(body, "sensitive");
      const marked = literalBool(sensitive?.value) === true;
      const word = type === "bool" || type === "number" ? null : secretValueName(name);
      if (word && !marked && (sensitive === undefined || literalBool(sensitive.value) === false)) {
        context.report({
          messageId: "notSensitive",
          data: { name, word },
          file: variable.file.path,
          range: block.headerRange,
          fix: sensitive ? { range: sensitive.value.range, text: "true" } : addAttributeFix(variable.file, block, "sensitive", "true", holdsNoCredential(variable.file)),
        });
      }
      const defaultValue = attr(body, "default");
      if (marked && defaultValue && hasLiteralContent(defaultValue.value)) {
        context.report({ messageId: "sensitiveDefault", data: { name }, file: variable.file.path, range: defaultValue.range });
      }
    }
  },
};
