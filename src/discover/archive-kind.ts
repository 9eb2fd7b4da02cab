/**
 * Which archive a path names, by its extension: dependency-free, so that discovery can tell an
 * archive without loading the archive readers (tar-stream, yauzl), which only a run that meets an
 * archive needs.
 */
export type ArchiveKind = "tar" | "tar.gz" | "zip";

const ARCHIVE_NAME: readonly (readonly [RegExp, ArchiveKind])[] = [
  [/\.(tar\.gz|tgz)$/i, "tar.gz"],
  [/\.tar$/i, "tar"],
  [/\.zip$/i, "zip"],
];

export function archiveKindOf(path: string): ArchiveKind | null {
  for (const [pattern, kind] of ARCHIVE_NAME) if (pattern.test(path)) return kind;
  return null;
}
