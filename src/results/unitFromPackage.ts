/**
 * The unit inside a built package (any of the four zips): index.html inlines the unit's JSON
 * (src/packaging/html.ts), which the project's validator reads as it reads a content file.
 */
import JSZip from "jszip";
import { parseUnitJson } from "../content/schema";
import type { Unit } from "../content/types";
import { inlinedUnitJson } from "../packaging/unitData";
import { ResultsError, type ResultsPlace } from "./types";

export async function unitFromPackage(bytes: Uint8Array, name: string, place: ResultsPlace = "command line"): Promise<Unit> {
  const studio = place === "studio";
  let html: string | undefined;
  try {
    html = await (await JSZip.loadAsync(bytes)).file("index.html")?.async("string");
  } catch {
    throw new ResultsError(
      studio
        ? `${name} is not a zip: drop a package made here or by the project's build (<unit>-scorm12.zip), or a content file (.json)`
        : `${name} is not a zip: pass a package built by this project (dist/<unit>-scorm12.zip) or a content file`,
    );
  }
  const json = html && inlinedUnitJson(html);
  if (!json)
    throw new ResultsError(
      studio
        ? `${name} is not a package made here or by the project's build (it holds no unit): drop the unit's content file (.json) instead`
        : `${name} is not a package built by this project (its index.html holds no unit): pass the content file instead`,
    );
  return parseUnitJson(json, name);
}
