/**
 * `import()` of a module this tool did not bundle (an ESLint formatter named on the command line).
 *
 * The CLI bundle runs from V8's code cache (scripts/bundle.ts), and on Node 20 a function restored
 * from that cache has lost the callback that `import()` needs ("A dynamic import callback was not
 * specified"). So the bundle does not call `import()` itself: the build replaces this module with
 * one that asks the loader beside the bundle, which imports as an ordinary CommonJS module.
 */
export function importModule(specifier: string): Promise<unknown> {
  return import(specifier);
}
