/** Reads unit files from disk (node only; the browser gets units through schema.ts). */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ContentError, parseUnitJson } from "./schema";
import type { Unit } from "./types";

/**
 * Reads and validates one unit file. Errors name the file as given (the path the author typed).
 * The file must be named `<unit-id>.<lang>.json` after the unit inside, so a unit is found by its name.
 */
export function loadUnitFile(path: string): Unit {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ContentError(path, "", readProblem(e, "file"));
  }
  const unit = parseUnitJson(text.replace(/^\uFEFF/, ""), path);

  const name = basename(path).replace(/\.json$/, "");
  const dot = name.lastIndexOf(".");
  const fileId = dot < 0 ? name : name.slice(0, dot);
  const fileLang = dot < 0 ? undefined : name.slice(dot + 1);
  const q = JSON.stringify;
  if (unit.id !== fileId) throw new ContentError(path, "id", `${q(unit.id)} does not match the file name (expected ${q(fileId)})`);
  if (fileLang === undefined)
    throw new ContentError(path, "lang", `${q(unit.lang)} is not in the file name; name the file ${q(`${unit.id}.${unit.lang}.json`)}`);
  if (unit.lang !== fileLang) throw new ContentError(path, "lang", `${q(unit.lang)} does not match the file name (expected ${q(fileLang)})`);
  return unit;
}

/**
 * The unit files in `dir`, sorted: every `*.json` except `*.schema.json`.
 * Misnamed files are listed too, so that loadUnitFile reports them instead of the build skipping them silently.
 */
export function listContentFiles(dir = "content"): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name);
  } catch (e) {
    throw new ContentError(dir, "", readProblem(e, "folder"));
  }
  return names
    .filter((n) => n.endsWith(".json") && !n.endsWith(".schema.json"))
    .sort()
    .map((n) => join(dir, n));
}

/** Why a file or folder could not be read, in the words an author understands. */
export function readProblem(e: unknown, what: "file" | "folder"): string {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return `${what} not found`;
  if (code === "EISDIR") return "is a folder, expected a file";
  if (code === "ENOTDIR") return "is a file, expected a folder";
  return `cannot read the ${what} (${code ?? String(e)})`;
}
