/**
 * Throwaway copies of the project to run the real commands in (`node --import tsx build.ts`,
 * `src/import/cli.ts`), as an author runs them: sources and content copied, node_modules linked.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(".");

/** A copy of the project with `files` (paths relative to it) written over it. */
export function projectCopy(prefix = "project-", files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const entry of ["build.ts", "imsmanifest.template.xml", "package.json", "tsconfig.json", "src", "content"]) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

export const removeCopy = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Runs a TypeScript entry point of the project (build.ts, src/import/cli.ts) in `cwd`, as npm run does. */
export const runTs = (cwd: string, script: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd, encoding: "utf8" });
