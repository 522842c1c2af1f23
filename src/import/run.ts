/**
 * `npm run import -- <file> [--lang da|en] [--id <unit-id>] [--force] [--out <folder>]`: a teacher's
 * document → content/<unit-id>.<lang>.json. Reads the file, then the pure importer (read.ts,
 * importUnit.ts: the studio page runs the same) maps and validates it; then writes. Any problem is
 * one line naming the file, and nothing is written.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { editionName } from "../content/edition";
import { loadUnitFile, readProblem } from "../content/load";
import { ContentError, LANGS } from "../content/schema";
import type { Lang, Unit } from "../content/types";
import { formatUnitJson } from "./formatJson";
import { unitFromDocument } from "./importUnit";
import { readDocument } from "./read";
import { nodeReaders } from "./readers";
import { describeImport } from "./report";
import { toUnit } from "./toUnit";

export const USAGE = `usage: npm run import -- <file.docx|file.md|file.txt> [--lang ${LANGS.join("|")}] [--id <unit-id>] [--force] [--out <folder>]`;

export interface ImportArgs {
  file: string;
  lang?: Lang;
  id?: string;
  force: boolean;
  /** Where content files live; "content" unless given. */
  out: string;
}

/** The command line → ImportArgs, or a ContentError naming what is wrong with it. */
export function parseArgs(argv: string[]): ImportArgs {
  const args: Partial<ImportArgs> & { force: boolean; out: string } = { force: false, out: "content" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new ContentError("import", "", `${a} needs a value; ${USAGE}`);
      return v;
    };
    if (a === "--force") args.force = true;
    else if (a === "--lang") {
      const lang = value();
      if (!(LANGS as readonly string[]).includes(lang)) throw new ContentError("import", "", `--lang ${lang}: not a supported language (${LANGS.join(", ")})`);
      args.lang = lang as Lang;
    } else if (a === "--id") args.id = value();
    else if (a === "--out") args.out = value();
    else if (a.startsWith("--")) throw new ContentError("import", "", `unknown option ${a}; ${USAGE}`);
    else if (args.file) throw new ContentError("import", "", `one document at a time (got ${args.file} and ${a}); ${USAGE}`);
    else args.file = a;
  }
  if (!args.file) throw new ContentError("import", "", `no document given; ${USAGE}`);
  return args as ImportArgs;
}

/**
 * The "$schema" of a unit written to `out`: the path from there to the project's content/unit.schema.json
 * ("./unit.schema.json" in content/), so editors check the file as the build does; none when `out` is
 * outside the project, where a path would point nowhere for anyone else.
 */
export function schemaRef(out: string, project = process.cwd()): string | undefined {
  const schema = resolve(project, "content/unit.schema.json");
  const inProject = relative(project, resolve(project, out));
  if (!existsSync(schema) || inProject.startsWith("..") || isAbsolute(inProject)) return undefined;
  const path = relative(resolve(project, out), schema).split(sep).join("/");
  return path.startsWith("..") ? path : `./${path}`;
}

export interface ImportResult {
  unit: Unit;
  /** The content file written. */
  path: string;
  /** What was found and what the author must still check, for the terminal. */
  lines: string[];
}

export async function importDocument(args: ImportArgs): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(args.file);
  } catch (e) {
    throw new ContentError(args.file, "", readProblem(e, "file"));
  }
  const doc = await readDocument(bytes, args.file, nodeReaders);
  // The target's name needs the id and language, which may come from the document: map once to learn them.
  const first = toUnit(doc, { file: args.file, lang: args.lang, id: args.id });
  const path = join(args.out, `${first.unit.id}.${first.unit.lang}.json`);
  let existing: Unit | undefined;
  if (existsSync(path)) {
    if (!args.force) throw new ContentError(args.file, "", `${path} exists already; add --force to replace it (its card ids are kept)`);
    existing = loadUnitFile(path);
  }
  const { unit, report } = unitFromDocument(doc, {
    file: args.file,
    lang: args.lang,
    id: args.id,
    existing: existing && { unit: existing, path },
    schema: schemaRef(args.out),
  });
  mkdirSync(args.out, { recursive: true });
  writeFileSync(path, formatUnitJson(unit));
  const langs = LANGS.filter((lang) => existsSync(join(args.out, `${unit.id}.${lang}.json`)));
  return { unit, path, lines: describeImport(args.file, unit, report, { path, edition: editionName(unit, langs) }, existing) };
}
