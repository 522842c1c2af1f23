/**
 * Unit in, zips out: the four packages of one edition (SCORM 1.2, SCORM 2004, xAPI, cmi5), made from
 * the prebuilt learner scripts and the package files (manifest templates, schemas). Pure (no Node
 * API, no esbuild): build.ts and the studio page call it with the same inputs and get the same bytes.
 */
import type { Unit } from "../content/types";
import { renderCmi5Xml } from "./cmi5";
import { renderIndexHtml } from "./html";
import { checkManifest, renderManifest, type ScormVersion } from "./manifest";
import { renderTincanXml } from "./tincan";
import type { PackageKind } from "./packageNames";
import { zipPackage } from "./zip";

/** Where the launch page finds its script and styles inside every package. */
export const ASSETS = { js: "assets/app.js", css: "assets/app.css" };

/** A package's bundled learner script and stylesheet. */
export interface LearnerScript {
  js: Uint8Array | string;
  css: Uint8Array | string;
}

/** What the packages carry besides the unit and its script: manifest templates and schema files by SCORM version. */
export interface PackageFiles {
  templates: Record<ScormVersion, string>;
  schemas: Record<ScormVersion, Record<string, Uint8Array | string>>;
}

export type Files = Record<string, string | Uint8Array>;

/** A package that cannot be made as it stands (e.g. a manifest naming a file the zip lacks). */
export class PackageError extends Error {}

/** The launch folder of one package: what a learner's browser gets. */
export function packageSite(unit: Unit, kind: PackageKind, script: LearnerScript, assets = ASSETS): Files {
  const connect = kind === "xapi" || kind === "cmi5" ? "lrs" : "none";
  return { "index.html": renderIndexHtml(unit, assets, connect), [assets.js]: script.js, [assets.css]: script.css };
}

/** The launch folder and the zip of one package. */
export async function makePackage(unit: Unit, kind: PackageKind, script: LearnerScript, files: PackageFiles): Promise<{ site: Files; zip: Uint8Array }> {
  const site = packageSite(unit, kind, script);
  if (kind === "xapi") return { site, zip: await zipPackage({ ...site, "tincan.xml": renderTincanXml(unit) }) };
  if (kind === "cmi5") return { site, zip: await zipPackage({ ...site, "cmi5.xml": renderCmi5Xml(unit) }) };
  const version: ScormVersion = kind === "scorm12" ? "1.2" : "2004";
  const manifest = renderManifest(files.templates[version], { unit, files: Object.keys(site) }, version);
  const entries = { ...site, ...files.schemas[version], "imsmanifest.xml": manifest };
  const problems = checkManifest(manifest, Object.keys(entries));
  if (problems.length > 0) throw new PackageError(`${unit.id}: manifest problems: ${problems.join("; ")}`);
  return { site, zip: await zipPackage(entries) };
}
