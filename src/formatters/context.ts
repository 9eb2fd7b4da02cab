import { existsSync } from "node:fs";
import { readBoundedText } from "../discover/read-file.js";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface FormatContext {
  readonly color: boolean;
  readonly cwd: string;
  /** The repository root: `GITHUB_WORKSPACE`, else the nearest folder with `.git`, else cwd. */
  readonly root: string;
  readonly toolVersion: string;
  readonly readText: (path: string) => string;
  /** Credentials in a file, to be masked wherever file text is echoed (fix texts). */
  readonly secretsOf: (path: string) => readonly string[];
  /** The repository and revision scanned (history runs): SARIF's versionControlProvenance. */
  readonly repository?: { readonly uri: string; readonly revision: string };
}

export function findRepositoryRoot(cwd: string, env: Readonly<Record<string, string | undefined>>): string {
  if (env.GITHUB_WORKSPACE) return resolve(env.GITHUB_WORKSPACE);
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/** A path relative to the repository root, with `/` separators, URI-encoded for SARIF. */
export function relativeUri(root: string, file: string): string {
  return relative(root, file).split(sep).map(encodeURIComponent).join("/");
}

/** The largest file read again for a report (SARIF fingerprints, fixes): linted files are smaller. */
const MAX_REREAD_BYTES = 64 * 1024 * 1024;

/** A linted file's text again, through the bounded reader; "" when it is gone, not regular or too large. */
export function readTextOrEmpty(path: string): string {
  return readBoundedText(path, MAX_REREAD_BYTES) ?? "";
}
