/**
 * Regenerates the Coder registry catalog (`npm run catalog:registry -- <path to a coder/registry
 * checkout>`, default the corpus snapshot): our own analysis over every module of the registry,
 * written to src/catalog/registry-modules.json. Commit the result; test/registry-catalog.test.ts
 * checks that it is what the analysis gives for the snapshot.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildRegistryCatalog, registryCatalogPath } from "../src/engine/registry-catalog.js";

const checkout = resolve(process.argv[2] ?? "../shared/corpus/coder__registry");
const catalog = await buildRegistryCatalog(checkout);
writeFileSync(registryCatalogPath(), `${JSON.stringify(catalog, null, 1)}\n`);
const inputs = Object.values(catalog.modules).reduce((n, m) => n + Object.keys(m.inputs).length, 0);
console.log(`${String(Object.keys(catalog.modules).length)} modules, ${String(inputs)} inputs with sinks, from coder/registry@${catalog.commit.slice(0, 12)} -> ${registryCatalogPath()}`);
