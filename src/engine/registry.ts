import type { Rule } from "../model/rule.js";
import { noCleartextMetadata } from "../../rules/no-cleartext-metadata.js";
import { noHardcodedCredentials } from "../../rules/no-hardcoded-credentials.js";
import { noSecretParameters } from "../../rules/no-secret-parameters.js";
import { requireSensitiveMetadata } from "../../rules/require-sensitive-metadata.js";

/** Every rule, in the order of the README table. */
export const RULES: readonly Rule[] = [noSecretParameters, requireSensitiveMetadata, noCleartextMetadata, noHardcodedCredentials];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
