import { RULES } from "./registry.js";

export const TABLE_START = "<!-- rules-table:start (generated from rule meta by `npm run docs`) -->";
export const TABLE_END = "<!-- rules-table:end -->";

/** The README's rule table, generated from each rule's `meta`. */
export function rulesTable(): string {
  const rows = RULES.map((r) => `| [\`${r.meta.id}\`](docs/rules/${r.meta.id}.md) | ${r.meta.defaultSeverity} | ${r.meta.description} |`);
  return [TABLE_START, "| Rule | Default | What it catches |", "| --- | --- | --- |", ...rows, TABLE_END].join("\n");
}

/** Replaces the table between the markers of a README. */
export function withRulesTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error("README has no rules-table markers");
  return readme.slice(0, start) + rulesTable() + readme.slice(end + TABLE_END.length);
}
