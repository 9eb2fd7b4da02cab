import { basename } from "node:path";
import { credentialMessageId } from "../src/catalog/coder-push.js";
import { findCredentials } from "../src/detectors/credentials.js";
import { rangeInFile } from "../src/model/positions.js";
import type { HclFile } from "../src/model/types.js";
import { docsUrl, type Report, type Rule } from "../src/rule-api/rule.js";

/**
 * Credentials typed into a template: known vendor formats anywhere in a file (values, heredocs,
 * comments, `.tfvars`, `.tftpl`), and literal values of secret-named attributes, keys, variable and
 * parameter defaults and shell variables. Coder keeps every template version and every template user
 * can read the source, so a credential written there is leaked for good.
 */
export const noHardcodedCredentials: Rule = {
  meta: {
    id: "no-hardcoded-credentials",
    description: "Disallow credentials written into template files",
    rationale:
      "Coder stores every template version indefinitely and shows template source to every user who can read the template, including .tfvars and scripts pushed with it. A credential typed into a template, a comment or a script is leaked to all of them, for good: rotate it, and pass secrets through sensitive variables fed from the provisioner's environment, user secrets (data \"coder_secret\") or a secrets manager.",
    defaultSeverity: "error",
    docsUrl: docsUrl("no-hardcoded-credentials"),
    messages: {
      knownFormat:
        "Hard-coded {{name}} ({{detector}}): {{masked}}. Template source is readable by every template user and kept in every template version; rotate it and use a sensitive variable, data \"coder_secret\" or a secrets manager.",
      namedLiteral:
        "Hard-coded credential in {{where}}: {{masked}}. Template source is readable by every template user and kept in every template version; rotate it and use a sensitive variable, data \"coder_secret\" or a secrets manager.",
      moduleDefault:
        "{{call}} ({{module}}) is called without \"{{input}}\", so the module's published default applies: a hard-coded credential, {{masked}}, that everyone who reads the module knows. Set {{input}} from a sensitive variable, data \"coder_secret\" or a provider-generated secret (random_password).",
      // files `coder templates push` leaves out (terraform.tfvars, *.auto.tfvars, hidden files)
      knownFormatNotUploaded:
        "Hard-coded {{name}} ({{detector}}): {{masked}}. coder templates push does not upload this file, but anyone who can read the repository (and its git history, once committed) can read it; rotate it and use a sensitive variable fed from the environment, data \"coder_secret\" or a secrets manager.",
      namedLiteralNotUploaded:
        "Hard-coded credential in {{where}}: {{masked}}. coder templates push does not upload this file, but anyone who can read the repository (and its git history, once committed) can read it; rotate it and use a sensitive variable fed from the environment, data \"coder_secret\" or a secrets manager.",
    },
    tags: ["security", "secrets", "credentials"],
    securitySeverity: 9.0,
  },
  check(context) {
    for (const file of context.module.files) for (const report of credentialReports(file)) context.report(report);
  },
};

/**
 * The rule's reports for one file: the engine asks it for files outside any module too (a file
 * that does not parse, a script a template loads), since the credential scan needs no parse.
 */
export function credentialReports(file: HclFile): Report[] {
  return findCredentials(file).map((hit) => ({ messageId: credentialMessageId(hit.messageId, basename(file.path)), data: hit.data, file: file.path, range: rangeInFile(file, hit.start, hit.end) }));
}
