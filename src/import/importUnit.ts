/**
 * The document model → a unit the build accepts, with the importer's report: the mapper, then the
 * build's own validator and the saved-state check. Pure: the command line and the studio page both
 * call it, so a document gives the same unit (and the same one-line reasons) in both.
 */
import { ContentError, parseUnit } from "../content/schema";
import type { Lang, Unit } from "../content/types";
import { keyCollisions } from "../state/resume";
import type { DocBlock } from "./document";
import { toUnit, type ImportPlace, type ImportReport } from "./toUnit";

export interface UnitChoices {
  /** The document's name as the author gave it: every error starts with it. */
  file: string;
  lang?: Lang;
  id?: string;
  /** The content file this import replaces, and where it is (its card ids, version and mastery score are kept). */
  existing?: { unit: Unit; path: string };
  /** The "$schema" the content file will carry, if any. */
  schema?: string;
  /** The command line (the default) or the studio: each names its own way to set the language and id. */
  place?: ImportPlace;
}

export function unitFromDocument(doc: DocBlock[], choices: UnitChoices): { unit: Unit; report: ImportReport } {
  const { file, lang, id, existing, schema, place } = choices;
  const { unit: raw, report } = toUnit(doc, { file, lang, id, existing: existing?.unit, place });
  // The build's own validator: what the importer gives, the build accepts.
  const unit = parseUnit(schema ? { $schema: schema, ...raw } : raw, file);
  // The build refuses every unit when one unit's ids collide in the saved state: never give such a unit.
  const clashes = keyCollisions(unit);
  if (clashes.length > 0)
    throw new ContentError(file, "", `ids collide in the saved-state encoding (${clashes.join(", ")}), so the build would refuse it; ${existing ? `change one id of each pair in ${existing.path}, or rename the zone in the document` : "rename one zone of each pair in the document"}`);
  return { unit, report };
}
