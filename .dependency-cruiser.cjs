/**
 * The layers of coder-secrets-lint, checked by `npm run layers` (part of `npm test`). Data flows one
 * way: files -> parse (hcl) -> model -> taint -> rules -> engine -> formatters -> front ends.
 * Each rule names the floor it keeps; a violation prints the importing file and the imported one.
 * See ARCHITECTURE.md for what each folder owns.
 */
/** Anything of ours outside the given src/ folders (rules/ included). */
const outside = (...folders) => `^(src/(?!${folders.map((f) => `${f}/`).join("|")})|rules/)`;

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import circle makes the floors meaningless: break it by moving the shared part down.",
      severity: "error",
      from: { path: "^(src|rules)/" },
      to: { circular: true },
    },
    {
      name: "model-is-the-floor",
      comment: "src/model is the contract between the front end and everything after it: it imports nothing of ours above it.",
      severity: "error",
      from: { path: "^src/model/" },
      to: { path: outside("model") },
    },
    {
      name: "catalog-and-discovery-stand-alone",
      comment: "The secret catalog and file discovery are tables and file walks: they import nothing of ours.",
      severity: "error",
      from: { path: "^src/(catalog|discover)/" },
      to: { path: "^(src/|rules/)", pathNot: "^src/$1/" },
    },
    {
      name: "parser-builds-the-model-only",
      comment: "The HCL parser produces the model; it knows nothing of analysis, rules or the engine.",
      severity: "error",
      from: { path: "^src/hcl/" },
      to: { path: outside("hcl", "model") },
    },
    {
      name: "detectors-read-the-model",
      comment: "Credential detectors read model literals and text, with the catalog's secret words.",
      severity: "error",
      from: { path: "^src/detectors/" },
      to: { path: outside("detectors", "catalog", "model") },
    },
    {
      name: "taint-reads-the-model",
      comment: "The taint analysis is built on the model and the catalog, below the rules.",
      severity: "error",
      from: { path: "^src/taint/" },
      to: { path: outside("taint", "catalog", "model") },
    },
    {
      name: "rule-api-sees-model-and-analysis",
      comment: "The rule API shows a rule the model and the analysis; it sits below the rules and the engine.",
      severity: "error",
      from: { path: "^src/rule-api/" },
      to: { path: outside("rule-api", "model", "taint") },
    },
    {
      name: "rules-use-the-rule-api",
      comment: "A rule imports only the rule API, the model, the taint analysis, the catalog and the detectors.",
      severity: "error",
      from: { path: "^rules/" },
      to: { path: "^src/(?!rule-api/|model/|taint/|catalog/|detectors/)" },
    },
    {
      name: "engine-below-formatters",
      comment: "The engine produces results; formatters and front ends consume them.",
      severity: "error",
      from: { path: "^src/engine/" },
      to: { path: "^src/(formatters|cli|eslint)/" },
    },
    {
      name: "formatters-read-results",
      comment: "A formatter reads results and rule metadata, nothing else of the engine (and files again only through the bounded reader; built-ins loaded lazily through lazy-builtins).",
      severity: "error",
      from: { path: "^src/formatters/" },
      to: { path: "^(src/(?!formatters/|engine/results\\.ts|engine/registry\\.ts|engine/lazy-builtins\\.ts|rule-api/|discover/read-file\\.ts)|rules/)" },
    },
    {
      name: "core-never-imports-front-ends",
      comment: "Nothing in the core imports a front end (the package entry src/index.ts is a front end).",
      severity: "error",
      from: { path: "^(src/|rules/)", pathNot: "^src/(cli|eslint|action)/|^src/index\\.ts$" },
      to: { path: "^src/(cli|eslint|action)/" },
    },
    {
      name: "action-runs-the-cli",
      comment: "The GitHub Action is the CLI with inputs from the environment: it imports the CLI's entry and nothing below it.",
      severity: "error",
      from: { path: "^src/action/" },
      to: { path: outside("action", "cli") },
    },
    {
      name: "front-ends-ask-the-engine",
      comment: "The CLI and the ESLint plugin import only the engine, the formatters and the rule registry: never the parser, the model, the analysis or a detector.",
      severity: "error",
      from: { path: "^src/(cli|eslint)/" },
      to: { path: outside("cli", "eslint", "engine", "formatters") },
    },
  ],
  options: {
    // type-only imports are edges too: a circle of types is still a circle
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
  },
};
