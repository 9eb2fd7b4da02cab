/** The programmatic API: lint paths and format results, as the CLI does. */
export { lint, type LintRun } from "./engine/linter.js";
export type { LintMessage, LintResult } from "./engine/results.js";
export { resolveConfig, ConfigError, type ResolvedConfig } from "./engine/config.js";
export { RULES } from "./engine/registry.js";
export { FORMATTERS } from "./formatters/index.js";
export { runCli, EXIT } from "./cli/cli.js";
