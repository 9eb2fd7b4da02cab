import { createRequire } from "node:module";
import type { Ajv } from "ajv";

const require = createRequire(import.meta.url);

/**
 * ajv, loaded only when a config file is validated: start-up stays lean without one. The action's
 * bundle (scripts/bundle-action.ts) swaps this module for a static import, since it ships without
 * node_modules.
 */
export function loadAjv(): typeof Ajv {
  return (require("ajv") as { Ajv: typeof Ajv }).Ajv;
}
