import { isTemplateFile } from "../discover/discover.js";
import { decodeTemplate } from "./load.js";
import { archiveMemberPath, fatalMessage, type LintMessage, type LintResult, makeResult, noticeMessage, UNREADABLE } from "./results.js";

/**
 * Archives named on the command line become folders of files: each template entry is linted from
 * memory as `<archive>:/<path inside>` (so that the archive's folders stay modules of their own) and
 * reported as `<archive>:<path inside>`. Entries that cannot be linted and archives that cannot be
 * read are results of their own, as unreadable files are.
 */
export interface ArchiveFiles {
  /** Member path -> text, linted like editor overrides. */
  readonly texts: Map<string, string>;
  readonly results: LintResult[];
  readonly unreadableCount: number;
}

function note(message: string, fatal: boolean): LintMessage {
  return fatal ? { ...fatalMessage(message, null), messageId: UNREADABLE } : noticeMessage(message, 1, null);
}

/** A notice at the level of a finding (an error, not a warning that passes): what Coder deploys differs from a plain reading. */
function finding(message: string): LintMessage {
  return noticeMessage(message, 2, null);
}

/** Entries by path, in archive order. */
function groupByPath(entries: readonly { readonly path: string; readonly bytes: Buffer }[]): Map<string, Buffer[]> {
  const groups = new Map<string, Buffer[]>();
  for (const entry of entries) {
    const list = groups.get(entry.path);
    if (list) list.push(entry.bytes);
    else groups.set(entry.path, [entry.bytes]);
  }
  return groups;
}

/** Each version written over the previous one from the start, without truncating (os.OpenFile without O_TRUNC). */
export function overlay(versions: readonly Buffer[]): Buffer {
  let file: Buffer = Buffer.alloc(0);
  for (const bytes of versions) file = bytes.length >= file.length ? bytes : Buffer.concat([bytes, file.subarray(bytes.length)]);
  return file;
}

export async function loadArchives(archives: readonly string[], maxFileSize: number, onDebug?: (line: string) => void): Promise<ArchiveFiles> {
  // the archive readers (ours for tar, yauzl) load only when an archive is named
  const { DEFAULT_ARCHIVE_LIMITS, readArchive } = await import("../discover/archive.js");
  const texts = new Map<string, string>();
  const results: LintResult[] = [];
  let unreadableCount = 0;
  for (const archive of archives) {
    const read = await readArchive(archive, { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: maxFileSize }, isTemplateFile);
    if (!read.ok) {
      unreadableCount++;
      results.push(makeResult(archive, [note(read.message, true)]));
      continue;
    }
    onDebug?.(`archive ${archive}: ${String(read.entries.length)} template file(s), ${String(read.skipped.length)} skipped`);
    const add = (memberPath: string, bytes: Buffer, notices: LintMessage[] = []): void => {
      const path = archiveMemberPath(archive, memberPath);
      const decoded = decodeTemplate(path, bytes);
      if ("text" in decoded) texts.set(path, decoded.text);
      else unreadableCount++;
      const messages = [...notices, ...("text" in decoded ? [] : [note(decoded.message, true)])];
      if (messages.length > 0) results.push(makeResult(path, messages));
    };
    for (const [memberPath, versions] of groupByPath(read.entries)) {
      if (versions.length === 1) {
        add(memberPath, versions[0] as Buffer);
        continue;
      }
      // as Coder deploys it: each entry written over the last without truncating
      const deployed = overlay(versions);
      const copies = versions.map((bytes, index) => ({ bytes, label: `(entry ${String(index + 1)} of ${String(versions.length)})` })).filter((v) => !v.bytes.equals(deployed));
      const where = memberPath.lastIndexOf("/");
      const copyPath = (label: string): string => (where === -1 ? `${label}/${memberPath}` : `${memberPath.slice(0, where)}/${label}/${memberPath.slice(where + 1)}`);
      add(memberPath, deployed, [
        finding(
          `The archive holds ${memberPath} ${String(versions.length)} times. Coder's extraction writes each entry over the last without truncating, so the file deployed (linted here) is the last entry over the tail of the longer earlier ones${copies.length > 0 ? `; each other version is linted as ${copies.map((c) => copyPath(c.label)).join(", ")}` : ""}.`,
        ),
      ]);
      for (const copy of copies) add(copyPath(copy.label), copy.bytes);
    }
    for (const notice of read.notices) results.push(makeResult(notice.path === "" ? archive : archiveMemberPath(archive, notice.path), [finding(notice.message)]));
    for (const skipped of read.skipped) {
      if (skipped.fatal) unreadableCount++;
      results.push(makeResult(archiveMemberPath(archive, skipped.path), [note(skipped.reason, skipped.fatal)]));
    }
  }
  return { texts, results, unreadableCount };
}
