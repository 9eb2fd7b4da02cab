import { closeSync, constants, fchmodSync, lstatSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadCrypto } from "./lazy-builtins.js";

/**
 * Every file this tool writes (reports, SARIF, the job summary, the cache, baselines, fixed
 * templates) goes through here, because the folder being linted is not ours: a pull request can
 * commit `.coder-secrets-lint-cache` or `out.sarif` as a symbolic link to `~/.bashrc`.
 *
 * The policy:
 * - a path inside the working folder is written only if no part of it below the working folder is a
 *   symbolic link, and only over a regular file;
 * - a path that leads outside the working folder is written only when the user named it as an
 *   absolute path (`-o /tmp/report.json`, `$GITHUB_STEP_SUMMARY`); then it is the user's choice and
 *   is written as named (a device such as `/dev/stdout` included). A relative path that climbs out
 *   (`../../.bashrc`) is refused;
 * - a replacement is written to a new file beside the target (created exclusively) and renamed
 *   over it, so an existing path is never opened for writing; an append opens with O_NOFOLLOW.
 */
export class UnsafeWriteError extends Error {}

/** Whether `path` is `folder` or below it (both absolute and normal). */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function lstatOrNull(path: string): import("node:fs").Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Why writing `given` (as the user or a default named it, relative to `cwd`) is refused, or null
 * when it may be written. `trustAbsolute`: an absolute path outside the working folder is the
 * user's own choice (false for paths that did not come from the user).
 */
export function writeRefusal(given: string, cwd: string, trustAbsolute = true): string | null {
  const target = resolve(cwd, given);
  const folder = resolve(cwd);
  if (!isWithin(folder, target)) {
    if (isAbsolute(given) && trustAbsolute) return null;
    return "it leads outside the working folder (name an absolute path to write there)";
  }
  // every existing part below the working folder, the target included
  let at = folder;
  for (const part of relative(folder, target).split(sep).filter((p) => p !== "")) {
    at = join(at, part);
    const stat = lstatOrNull(at);
    if (!stat) return null;
    if (stat.isSymbolicLink()) return `${at === target ? "it" : relative(folder, at)} is a symbolic link inside the working folder`;
    if (at === target && !stat.isFile()) return "it is not a regular file";
  }
  return null;
}

/** Text for error messages: the reason, or the system's error code. */
export function writeErrorText(error: unknown): string {
  if (error instanceof UnsafeWriteError) return error.message;
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

export interface SafeWriteOptions {
  /** The working folder that relative paths and the symlink check start from. */
  readonly cwd: string;
  /** Append instead of replacing (the job summary). */
  readonly append?: boolean;
  /** An absolute path outside the working folder is the user's (default true). */
  readonly trustAbsolute?: boolean;
  /** The new file's mode (default: the replaced file's, else 0o666 less the umask). */
  readonly mode?: number;
}

/** Writes `text` to `given` under the policy above; throws UnsafeWriteError when refused. */
export function writeFileSafely(given: string, text: string | Uint8Array, options: SafeWriteOptions): void {
  const refusal = writeRefusal(given, options.cwd, options.trustAbsolute ?? true);
  if (refusal) throw new UnsafeWriteError(`refusing to write ${given}: ${refusal}`);
  const target = resolve(options.cwd, given);
  if (!isWithin(resolve(options.cwd), target)) {
    // the user's own absolute path outside the tree: written as named
    if (options.append) writeFileSync(target, text, { flag: "a" });
    else writeFileSync(target, text);
    return;
  }
  if (options.append) {
    const fd = openSync(target, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o666);
    try {
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    return;
  }
  replaceFile(target, text, options.mode ?? lstatOrNull(target)?.mode);
}

/** A new file beside `target`, created exclusively, then renamed over it (rename never follows a link). */
function replaceFile(target: string, text: string | Uint8Array, mode: number | undefined): void {
  const temporary = join(dirname(target), `.${basename(target)}.${String(process.pid)}.${loadCrypto().randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode & 0o7777);
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function writeAll(fd: number, text: string | Uint8Array): void {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
