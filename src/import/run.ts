/**
 * `npm run import -- <file> [--lang da|en] [--id <unit-id>] [--force] [--out <folder>]`: a teacher's
 * document → content/<unit-id>.<lang>.json. Read, map, validate with the build's parseUnit, then write;
 * any problem is one line naming the file, and nothing is written.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { editionName } from "../content/edition";
import { loadUnitFile } from "../content/load";
import { ContentError, LANGS, parseUnit } from "../content/schema";
import type { Lang, Unit } from "../content/types";
import { keyCollisions } from "../state/resume";
import { formatUnitJson } from "./formatJson";
import { readDocument } from "./read";
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
  const doc = await readDocument(args.file);
  // The target's name needs the id and language, which may come from the document: map once to learn them.
  const first = toUnit(doc, { file: args.file, lang: args.lang, id: args.id });
  const path = join(args.out, `${first.unit.id}.${first.unit.lang}.json`);
  let existing: Unit | undefined;
  if (existsSync(path)) {
    if (!args.force) throw new ContentError(args.file, "", `${path} exists already; add --force to replace it (its card ids are kept)`);
    existing = loadUnitFile(path);
  }
  const { unit: raw, report } = existing ? toUnit(doc, { file: args.file, lang: args.lang, id: args.id, existing }) : first;
  // The build's own validator: what the importer writes, the build accepts.
  const schema = schemaRef(args.out);
  const unit = parseUnit(schema ? { $schema: schema, ...raw } : raw, args.file);
  // The build refuses every unit when one unit's ids collide in the saved state: never write such a file.
  const clashes = keyCollisions(unit);
  if (clashes.length > 0)
    throw new ContentError(args.file, "", `ids collide in the saved-state encoding (${clashes.join(", ")}), so the build would refuse it; ${existing ? `change one id of each pair in ${path}, or rename the zone in the document` : "rename one zone of each pair in the document"}`);
  mkdirSync(args.out, { recursive: true });
  writeFileSync(path, formatUnitJson(unit));
  const langs = LANGS.filter((lang) => existsSync(join(args.out, `${unit.id}.${lang}.json`)));
  return { unit, path, lines: describeImport(args.file, path, unit, report, editionName(unit, langs), existing) };
}
