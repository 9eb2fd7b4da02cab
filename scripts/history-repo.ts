/**
 * A generated git repository for the history bench: `commits` commits over `folders` template
 * folders (each starting from a corpus file), every commit changing one folder's main.tf (a new
 * file version each time). Every 250th commit adds a made-up password to a file; every 500th removes
 * one again, so that findings are introduced, carried and deleted along the way.
 * Written with `git fast-import` (seconds for thousands of commits), then checked out.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function git(cwd: string, args: readonly string[], input?: Buffer): void {
  const run = spawnSync("git", args, { cwd, input, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" } });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr.toString()}`);
}

export function generatedHistory(commits: number, folders: number, sources: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "csl-bench-history-"));
  git(dir, ["init", "-q", "-b", "main"]);
  const texts = Array.from({ length: folders }, (_, i) => readFileSync(sources[i % sources.length] ?? "", "utf8"));
  const chunks: Buffer[] = [];
  const data = (text: string): void => {
    const bytes = Buffer.from(text, "utf8");
    chunks.push(Buffer.from(`data ${String(bytes.length)}\n`), bytes, Buffer.from("\n"));
  };
  /** folder -> the password it holds, fixed when it is added */
  const secretFolders = new Map<number, string>();
  for (let c = 0; c < commits; c++) {
    const folder = c % folders;
    if (c % 250 === 249) secretFolders.set(folder, `Rk${String(c)}vQ8zLm3Wx7`);
    if (c % 500 === 499) secretFolders.delete([...secretFolders.keys()][0] ?? -1);
    const password = secretFolders.get(folder);
    const secret = password ? `\nresource "docker_container" "db${String(folder)}" {\n  password = "${password}"\n}\n` : "";
    const text = `${texts[folder] ?? ""}\n# revision ${String(c)}\n${secret}`;
    const when = 1_700_000_000 + c * 3600;
    chunks.push(Buffer.from(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${String(when)} +0000\n`));
    data(`change ${String(c)}`);
    chunks.push(Buffer.from(`M 100644 inline templates/t${String(folder)}/main.tf\n`));
    data(text);
    chunks.push(Buffer.from("\n"));
  }
  git(dir, ["fast-import", "--quiet"], Buffer.concat(chunks));
  git(dir, ["reset", "-q", "--hard", "main"]);
  return dir;
}
