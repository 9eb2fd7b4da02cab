import { bodyExpressions, subExpressions, traversalNames } from "../src/model/module.js";
import { docsUrl, type Fix, type Rule } from "../src/rule-api/rule.js";

/** Removed in provider v2 and never redacted: what replaces them. */
const OWNER_REPLACEMENTS: Readonly<Record<string, string>> = {
  owner_session_token: "session_token",
  owner_oidc_access_token: "oidc_access_token",
};

const LEGACY_NAMES = [...Object.keys(OWNER_REPLACEMENTS), "coder_git_auth"];

export const noLegacySecretAttributes: Rule = {
  meta: {
    id: "no-legacy-secret-attributes",
    description: "Disallow the legacy Coder secret attributes removed in provider v2",
    rationale:
      "data.coder_workspace owner_session_token and owner_oidc_access_token, and the data.coder_git_auth data source, were removed in version 2 of the Coder provider and were never marked sensitive, so Terraform prints them in plans and logs. Their replacements (data.coder_workspace_owner, data.coder_external_auth) are sensitive.",
    defaultSeverity: "warn",
    docsUrl: docsUrl("no-legacy-secret-attributes"),
    messages: {
      legacyOwnerToken: "{{legacy}} was removed in coder provider v2 and is never redacted; use {{replacement}}.",
      legacyOwnerTokenNoOwner: '{{legacy}} was removed in coder provider v2 and is never redacted; add data "coder_workspace_owner" "me" {} and use data.coder_workspace_owner.me.{{attribute}}.',
      legacyGitAuth: "data.coder_git_auth was removed in coder provider v2 and its access_token is never redacted; use data.coder_external_auth ({{replacement}}).",
    },
    tags: ["security", "secrets", "deprecated"],
    securitySeverity: 5.0,
    fixable: "code",
  },
  check(context) {
    const owner = context.module.dataSources("coder_workspace_owner")[0]?.node.labels[1];
    for (const file of context.module.files) {
      // every legacy reference spells one of these names: most files can be passed over unread
      if (!LEGACY_NAMES.some((name) => file.text.includes(name))) continue;
      for (const item of file.body.items) {
        if (item.kind !== "block") continue;
        if (item.type === "data" && item.labels[0] === "coder_git_auth") {
          const replacement = `data "coder_external_auth" "${item.labels[1] ?? ""}"`;
          context.report({ messageId: "legacyGitAuth", data: { replacement }, file: file.path, range: item.headerRange, fix: { range: item.headerRange, text: replacement } });
        }
        for (const expr of bodyExpressions(item.body).flatMap((root) => subExpressions(root))) {
          const names = traversalNames(expr);
          if (!names || names[0] !== "data" || expr.kind !== "traversal") continue;
          const source = file.text.slice(expr.range.start.offset, expr.range.end.offset);
          if (names[1] === "coder_workspace" && names[3] && OWNER_REPLACEMENTS[names[3]]) {
            const attribute = OWNER_REPLACEMENTS[names[3]] ?? "";
            const legacy = `data.coder_workspace.${names[2] ?? ""}.${names[3]}`;
            if (owner) {
              const replacement = `data.coder_workspace_owner.${owner}.${attribute}`;
              const fix: Fix | undefined = source === legacy ? { range: expr.range, text: replacement } : undefined;
              context.report({ messageId: "legacyOwnerToken", data: { legacy, replacement }, file: file.path, range: expr.range, ...(fix ? { fix } : {}) });
            } else {
              context.report({ messageId: "legacyOwnerTokenNoOwner", data: { legacy, attribute }, file: file.path, range: expr.range });
            }
          } else if (names[1] === "coder_git_auth") {
            const replacement = source.replace(/^data\.coder_git_auth\./, "data.coder_external_auth.");
            const fix: Fix | undefined = replacement !== source ? { range: expr.range, text: replacement } : undefined;
            context.report({ messageId: "legacyGitAuth", data: { replacement }, file: file.path, range: expr.range, ...(fix ? { fix } : {}) });
          }
        }
      }
    }
  },
};
