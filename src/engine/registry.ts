import type { Rule } from "../rule-api/rule.js";

export type { Report, Rule } from "../rule-api/rule.js";
import { noCleartextMetadata } from "../../rules/no-cleartext-metadata.js";
import { noHardcodedCredentials } from "../../rules/no-hardcoded-credentials.js";
import { noSecretParameters } from "../../rules/no-secret-parameters.js";
import { noLegacySecretAttributes } from "../../rules/no-legacy-secret-attributes.js";
import { noSecretInScripts } from "../../rules/no-secret-in-scripts.js";
import { noSecretInUrls } from "../../rules/no-secret-in-urls.js";
import { requireSensitiveMetadata } from "../../rules/require-sensitive-metadata.js";
import { sensitiveVariables } from "../../rules/sensitive-variables.js";

/** Every rule, in the order of the README table. */
export const RULES: readonly Rule[] = [
  noSecretParameters,
  requireSensitiveMetadata,
  noCleartextMetadata,
  noHardcodedCredentials,
  noSecretInScripts,
  noSecretInUrls,
  sensitiveVariables,
  noLegacySecretAttributes,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
