/**
 * What a teacher decides in the studio without editing JSON: the language, the unit id, the mastery
 * score, the version. Each is left to the importer (as on the command line) until the teacher changes
 * it, so the studio's defaults are the command line's. Pure.
 */
import { ContentError, idProblem, parseUnit } from "../content/schema";
import type { Lang, Unit } from "../content/types";

export interface Settings {
  /** As `--lang`: unset = what the document's headings say. */
  lang?: Lang;
  /** As `--id`: unset = made from the title. */
  id?: string;
  /** The mastery score field as typed: "" = none. */
  masteryScore?: string;
  /** unset = the importer's "1.0.0". */
  version?: string;
}

/** The settings field a problem concerns, or "document" for the document itself. */
export type Field = "lang" | "id" | "masteryScore" | "version" | "document";

export function fieldOf(e: ContentError): Field {
  if (e.path === "--id" || e.path === "id") return "id";
  if (e.path === "--lang" || e.path === "lang") return "lang";
  if (e.path === "masteryScore" || e.path === "version") return e.path;
  return "document";
}

/** The typed unit id's problem (the validator's rules), before anything is imported with it. */
export function checkId(file: string, id: string | undefined): void {
  const problem = id === undefined ? null : idProblem(id, "unit");
  if (problem) throw new ContentError(file, "id", problem);
}

/**
 * The imported unit with the teacher's version and mastery score, validated again by the build's
 * parseUnit: the same unit (keys in the same order) as the build reads from a content file in which
 * the teacher set them.
 */
export function withSettings(unit: Unit, settings: Settings, file: string): Unit {
  const { masteryScore: _none, ...rest } = unit;
  const typed = settings.masteryScore?.trim();
  if (typed && !/^-?\d+(\.\d+)?$/.test(typed))
    throw new ContentError(file, "masteryScore", `${JSON.stringify(typed)} is not a number; write the pass mark in percent (e.g. 80), or leave it empty for none`);
  // The validator says what is wrong with a number (not whole, out of range).
  const mastery = typed === undefined ? unit.masteryScore : typed === "" ? undefined : Number(typed);
  return parseUnit({ ...rest, ...(settings.version === undefined ? {} : { version: settings.version.trim() }), ...(mastery === undefined ? {} : { masteryScore: mastery }) }, file);
}
