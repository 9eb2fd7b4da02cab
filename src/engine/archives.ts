import { isTemplateFile } from "../discover/discover.js";
import { decodeTemplate } from "./load.js";
import { archiveMemberPath, fatalMessage, type LintMessage, type LintResult, makeResult, UNREADABLE } from "./results.js";

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
  return fatal ? { ...fatalMessage(message, null), messageId: UNREADABLE } : { ruleId: null, severity: 1, message, line: 1, column: 1, endLine: 1, endColumn: 1, nodeType: null };
}

export async function loadArchives(archives: readonly string[], maxFileSize: number, onDebug?: (line: string) => void): Promise<ArchiveFiles> {
  // the archive readers (tar-stream, yauzl) load only when an archive is named
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
    for (const entry of read.entries) {
      const path = archiveMemberPath(archive, entry.path);
      const decoded = decodeTemplate(path, entry.bytes);
      if ("text" in decoded) texts.set(path, decoded.text);
      else {
        unreadableCount++;
        results.push(makeResult(path, [note(decoded.message, true)]));
      }
    }
    for (const skipped of read.skipped) {
      if (skipped.fatal) unreadableCount++;
      results.push(makeResult(archiveMemberPath(archive, skipped.path), [note(skipped.reason, skipped.fatal)]));
    }
  }
  return { texts, results, unreadableCount };
}
