import { createWriteStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tarStream from "tar-stream";
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { safeEntryPath } from "../src/discover/archive.js";
import type { LintResult } from "../src/engine/results.js";
import { runBin } from "./helpers.js";

/**
 * Template version archives (`coder templates pull --tar`), built here with tar-stream and yazl:
 * linted as the folder they hold, with the same limits as files on disk.
 */
const PARAMETER = 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n';
const PASSWORD = 'resource "docker_container" "db" {\n  password = "Xq7vR2mK9pLw4Tz8"\n}\n';

interface TarEntry {
  readonly name: string;
  readonly text?: string;
  readonly type?: "file" | "symlink" | "link" | "directory";
  readonly linkname?: string;
  /** A large entry made of zeros, streamed (never held whole). */
  readonly zeros?: number;
}

/** A node-style callback that settles a promise. */
function settle(resolveIt: () => void, reject: (error: Error) => void): (error?: Error | null) => void {
  return (error) => {
    if (error) reject(error);
    else resolveIt();
  };
}

async function writeTar(path: string, entries: readonly TarEntry[], gzip: boolean): Promise<void> {
  const pack = tarStream.pack();
  const done = gzip ? pipeline(pack, createGzip({ level: 1 }), createWriteStream(path)) : pipeline(pack, createWriteStream(path));
  for (const entry of entries) {
    if (entry.zeros !== undefined) {
      const size = entry.zeros;
      await new Promise<void>((resolveEntry, reject) => {
        const sink = pack.entry({ name: entry.name, size }, settle(resolveEntry, reject));
        const chunk = Buffer.alloc(1024 * 1024);
        let left = size;
        const source = new Readable({
          read() {
            if (left <= 0) this.push(null);
            else {
              const take = Math.min(left, chunk.length);
              left -= take;
              this.push(chunk.subarray(0, take));
            }
          },
        });
        source.pipe(sink);
      });
      continue;
    }
    const header = { name: entry.name, type: entry.type ?? "file", ...(entry.linkname ? { linkname: entry.linkname } : {}) };
    await new Promise<void>((resolveEntry, reject) => {
      const callback = settle(resolveEntry, reject);
      if (entry.type === undefined || entry.type === "file") pack.entry(header, entry.text ?? "", callback);
      else pack.entry(header, callback);
    });
  }
  pack.finalize();
  await done;
}

async function writeZip(path: string, entries: readonly { name: string; text: string; mode?: number }[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.text), entry.name, entry.mode !== undefined ? { mode: entry.mode } : {});
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

function lintJson(dir: string, args: string[]): { code: number; results: { file: string; messages: [number, number, string | null, string][] }[]; stderr: string } {
  const run = runBin(["--format", "json", ...args], dir);
  if (!run.stdout.startsWith("[")) throw new Error(`exit ${String(run.code)}: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as LintResult[];
  return {
    code: run.code,
    stderr: run.stderr,
    results: results.map((r) => ({ file: r.filePath.slice(dir.length + 1), messages: r.messages.map((m) => [m.line, m.column, m.ruleId, m.message] as [number, number, string | null, string]) })),
  };
}

describe("template version archives", () => {
  it("lints .tar, .tar.gz and .zip as the folders they hold, with paths inside the archive", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    const entries = [
      { name: "./main.tf", text: PARAMETER },
      { name: "./modules/db/main.tf", text: PASSWORD },
      { name: "./README.md", text: `password = "Xq7vR2mK9pLw4Tz8"\n` },
    ];
    await writeTar(join(dir, "v1.tar"), entries, false);
    await writeTar(join(dir, "v2.tar.gz"), entries, true);
    await writeZip(join(dir, "v3.zip"), entries.map((e) => ({ name: e.name.slice(2), text: e.text })));
    const run = lintJson(dir, ["v1.tar", "v2.tar.gz", "v3.zip"]);
    expect(run.code).toBe(1);
    const shape = (archive: string) => [
      { file: `${archive}:main.tf`, messages: [[1, 1, "no-secret-parameters", expect.stringContaining('Parameter "api_token" collects a secret') as unknown as string]] },
      { file: `${archive}:modules/db/main.tf`, messages: [[2, 15, "no-hardcoded-credentials", expect.stringContaining("Xq7v…(16 chars)") as unknown as string]] },
    ];
    expect(run.results).toEqual([...shape("v1.tar"), ...shape("v2.tar.gz"), ...shape("v3.zip")]);
    const stylish = runBin(["v1.tar"], dir);
    expect(stylish.stdout).toContain(`${dir}/v1.tar:modules/db/main.tf\n  2:15  error  Hard-coded credential`);
    expect(stylish.stdout).not.toContain("Xq7vR2mK9pLw4Tz8");
  });

  it("refuses entries that leave the archive and never follows links; the other entries are linted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    writeFileSync(join(dir, "outside.tf"), PASSWORD);
    await writeTar(
      join(dir, "evil.tar"),
      [
        { name: "../escape.tf", text: PARAMETER },
        { name: "/etc/abs.tf", text: PARAMETER },
        { name: "link.tf", type: "symlink", linkname: "../outside.tf" },
        { name: "hard.tf", type: "link", linkname: "main.tf" },
        { name: "main.tf", text: PARAMETER },
      ],
      false,
    );
    const run = lintJson(dir, ["evil.tar"]);
    expect(run.code).toBe(3);
    expect(run.results).toEqual([
      { file: "evil.tar:main.tf", messages: [[1, 1, "no-secret-parameters", expect.any(String) as unknown as string]] },
      { file: "evil.tar:../escape.tf", messages: [[1, 1, null, "Entry path leaves the archive (absolute or ..); not linted"]] },
      { file: "evil.tar:/etc/abs.tf", messages: [[1, 1, null, "Entry path leaves the archive (absolute or ..); not linted"]] },
      { file: "evil.tar:link.tf", messages: [[1, 1, null, "Entry is a symbolic link; links in an archive are not followed"]] },
      { file: "evil.tar:hard.tf", messages: [[1, 1, null, "Entry is a hard link; links in an archive are not followed"]] },
    ]);
    expect(existsSync(join(dir, "..", "escape.tf"))).toBe(false);
  });

  it("refuses a compression bomb and an oversized entry, and still lints the other files of the run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    // 300 MB of zeros: a few hundred KB gzipped, over the 256 MB an archive may inflate to
    await writeTar(join(dir, "bomb.tar.gz"), [{ name: "main.tf", text: PARAMETER }, { name: "fill.bin", zeros: 300 * 1024 * 1024 }], true);
    await writeZip(join(dir, "big.zip"), [
      { name: "main.tf", text: `${"#".repeat(2 * 1024 * 1024)}\n` },
      { name: "ok.tf", text: PARAMETER },
    ]);
    writeFileSync(join(dir, "plain.tf"), PARAMETER);
    const run = lintJson(dir, ["bomb.tar.gz", "big.zip", "plain.tf", "--max-file-size", "1000000"]);
    expect(run.code).toBe(3);
    expect(run.results.map((r) => [r.file, r.messages.map((m) => [m[0], m[1], m[2], m[3].split(/[;,]/)[0]])])).toEqual([
      ["big.zip:ok.tf", [[1, 1, "no-secret-parameters", 'Parameter "api_token" collects a secret (its name says "token")']]],
      ["plain.tf", [[1, 1, "no-secret-parameters", 'Parameter "api_token" collects a secret (its name says "token")']]],
      ["big.zip:main.tf", [[1, 1, null, "Entry is 2.0 MB"]]],
      ["bomb.tar.gz", [[1, 1, null, "Archive not linted: The archive decompresses to more than 256.0 MB"]]],
    ]);
    expect(run.results[2]?.messages[0]?.[3]).toBe("Entry is 2.0 MB, over the --max-file-size limit of 976.6 KB; not linted");
    expect(run.results[3]?.messages[0]?.[3]).toBe("Archive not linted: The archive decompresses to more than 256.0 MB; refused (a compression bomb?)");
  }, 60_000);

  it("says what is wrong with a damaged archive, with exit code 3", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    writeFileSync(join(dir, "broken.tar.gz"), Buffer.from("not gzip at all"));
    writeFileSync(join(dir, "broken.zip"), Buffer.from("PK\u0003\u0004 truncated"));
    const run = lintJson(dir, ["broken.tar.gz", "broken.zip"]);
    expect(run.code).toBe(3);
    expect(run.results.map((r) => [r.file, r.messages[0]?.[0], r.messages[0]?.[1], r.messages[0]?.[3].replace(/:.*$/, "")])).toEqual([
      ["broken.tar.gz", 1, 1, "Cannot read archive (tar.gz)"],
      ["broken.zip", 1, 1, "Cannot read archive (zip)"],
    ]);
  });

  it("keys a baseline by the path inside the archive", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    await writeTar(join(dir, "v1.tar"), [{ name: "main.tf", text: PARAMETER }], false);
    expect(runBin(["--write-baseline", "b.json", "v1.tar"], dir).code).toBe(0);
    expect(readFileSync(join(dir, "b.json"), "utf8")).toContain('"file": "v1.tar:main.tf"');
    expect(runBin(["--baseline", "b.json", "v1.tar"], dir).code).toBe(0);
  });
});

describe("safeEntryPath", () => {
  it("keeps relative paths inside the archive and refuses the rest", () => {
    expect(["./a/b.tf", "a//./b.tf", "a\\b.tf"].map(safeEntryPath)).toEqual(["a/b.tf", "a/b.tf", "a/b.tf"]);
    expect(["../a.tf", "a/../../b.tf", "/a.tf", "C:/a.tf", "a\u0000.tf", "a\n.tf", "", "."].map(safeEntryPath)).toEqual([null, null, null, null, null, null, null, null]);
  });
});
