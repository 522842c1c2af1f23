/**
 * `npm run build [-- <unit> ...]`: validate every content file, bundle the app, and write for each
 * edition (a unit in one language) its launch folder and its SCORM 1.2 zip:
 *
 *   dist/<name>/                what a learner's browser gets (open index.html to preview)
 *   dist/<name>-scorm12.zip     that folder plus imsmanifest.xml and the SCORM 1.2 schemas
 *   dist/<name>-scorm2004/      the same unit for a SCORM 2004 LMS (own script bundle: API_1484_11)
 *   dist/<name>-scorm2004.zip   that folder plus a 2004 4th Edition imsmanifest.xml and its schemas
 *   dist/<name>-xapi/           the same unit for an LRS (own script bundle: xAPI, no pipwerks)
 *   dist/<name>-xapi.zip        that folder plus tincan.xml
 *   dist/<name>-cmi5/           the same unit for a cmi5 LMS (own script bundle: cmi5 launch on xAPI)
 *   dist/<name>-cmi5.zip        that folder plus cmi5.xml
 *
 * <name> is the unit id for the unit's first language in LANGS (da), `<id>.<lang>` for the other
 * editions: content/peer-mentoring.da.json → dist/peer-mentoring-scorm12.zip,
 * content/peer-mentoring.en.json → dist/peer-mentoring.en-scorm12.zip. `<unit>` on the command line
 * is a unit id (all its editions) or an edition name.
 *
 * A content mistake prints one line naming the file and the field and exits 1 before anything is
 * written; each output is written to a temporary folder and moved into place only when complete.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { editionName } from "./src/content/edition";
import { listContentFiles, loadUnitFile } from "./src/content/load";
import { ContentError } from "./src/content/schema";
import type { Lang, Unit } from "./src/content/types";
import { bundleApp, type Bundle } from "./src/packaging/bundle";
import { renderIndexHtml } from "./src/packaging/html";
import { checkManifest, renderManifest, type ScormVersion } from "./src/packaging/manifest";
import { renderCmi5Xml } from "./src/packaging/cmi5";
import { renderTincanXml } from "./src/packaging/tincan";
import { schemaFiles, zipPackage } from "./src/packaging/zip";
import { keyCollisions } from "./src/state/resume";

const DIST = "dist";
const ASSETS = { js: "assets/app.js", css: "assets/app.css" };

class BuildError extends Error {}

interface Edition {
  file: string;
  unit: Unit;
  name: string;
}

function loadEditions(only: string[]): Edition[] {
  const units = listContentFiles("content").map((file) => ({ file, unit: loadUnitFile(file) }));
  for (const { file, unit } of units) {
    const clashes = keyCollisions(unit);
    if (clashes.length > 0) throw new BuildError(`${file}: ids collide in the saved-state encoding (${clashes.join(", ")}); rename one of each pair`);
  }
  const editions = units.map(({ file, unit }) => {
    const langs = units.filter((u) => u.unit.id === unit.id).map((u) => u.unit.lang);
    return { file, unit, name: editionName(unit, langs) };
  });
  const unknown = only.filter((o) => !editions.some((e) => e.unit.id === o || e.name === o));
  if (unknown.length > 0) throw new BuildError(`no content for ${unknown.join(", ")} (have: ${editions.map((e) => e.name).join(", ")})`);
  return only.length > 0 ? editions.filter((e) => only.includes(e.unit.id) || only.includes(e.name)) : editions;
}

/** Writes files to a temporary folder, then moves each output into place: no half-built result in dist/. */
function writeAtomically(outputs: Record<string, Record<string, string | Uint8Array> | Uint8Array>): void {
  const tmp = join(DIST, `.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  for (const [out, content] of Object.entries(outputs)) {
    if (content instanceof Uint8Array) {
      mkdirSync(tmp, { recursive: true });
      writeFileSync(join(tmp, out), content);
      continue;
    }
    for (const [path, data] of Object.entries(content)) {
      mkdirSync(join(tmp, out, path, ".."), { recursive: true });
      writeFileSync(join(tmp, out, path), data);
    }
  }
  for (const out of Object.keys(outputs)) {
    rmSync(join(DIST, out), { recursive: true, force: true });
    renameSync(join(tmp, out), join(DIST, out));
  }
  rmSync(tmp, { recursive: true, force: true });
}

/** The manifest template of each SCORM version (1.2's at the top level, where authors look for it). */
const TEMPLATES: Record<ScormVersion, string> = { "1.2": "imsmanifest.template.xml", "2004": "src/packaging/imsmanifest2004.template.xml" };

async function scormPackage(unit: Unit, bundle: Bundle, version: ScormVersion) {
  const site: Record<string, string | Uint8Array> = {
    "index.html": renderIndexHtml(unit, ASSETS),
    [ASSETS.js]: bundle.js,
    [ASSETS.css]: bundle.css,
  };
  const template = readFileSync(TEMPLATES[version], "utf8");
  const manifest = renderManifest(template, { unit, files: Object.keys(site) }, version);
  const entries = { ...site, ...schemaFiles(version), "imsmanifest.xml": manifest };
  const problems = checkManifest(manifest, Object.keys(entries));
  if (problems.length > 0) throw new BuildError(`${unit.id}: manifest problems: ${problems.join("; ")}`);
  return { site, zip: await zipPackage(entries) };
}

/** A package that talks to an LRS: its launch folder, plus one course file (tincan.xml, cmi5.xml) at the zip root. */
async function lrsPackage(unit: Unit, bundle: Bundle, courseFile: Record<string, string>) {
  const site: Record<string, string | Uint8Array> = {
    "index.html": renderIndexHtml(unit, ASSETS, "lrs"),
    [ASSETS.js]: bundle.js,
    [ASSETS.css]: bundle.css,
  };
  return { site, zip: await zipPackage({ ...site, ...courseFile }) };
}

async function main(): Promise<void> {
  const editions = loadEditions(process.argv.slice(2));
  // One script per package and language (each carries only its own UI strings), bundled once.
  const bundles = new Map<string, Promise<Bundle>>();
  const bundle = (entry: string, lang: Lang) => {
    const key = `${entry}:${lang}`;
    if (!bundles.has(key)) bundles.set(key, bundleApp(entry, lang));
    return bundles.get(key)!;
  };
  mkdirSync(DIST, { recursive: true });
  for (const { unit, name } of editions) {
    const s = await scormPackage(unit, await bundle("src/entries/scorm12.tsx", unit.lang), "1.2");
    const s4 = await scormPackage(unit, await bundle("src/entries/scorm2004.tsx", unit.lang), "2004");
    const x = await lrsPackage(unit, await bundle("src/entries/xapi.tsx", unit.lang), { "tincan.xml": renderTincanXml(unit) });
    const c = await lrsPackage(unit, await bundle("src/entries/cmi5.tsx", unit.lang), { "cmi5.xml": renderCmi5Xml(unit) });
    writeAtomically({
      [name]: s.site,
      [`${name}-scorm12.zip`]: s.zip,
      [`${name}-scorm2004`]: s4.site,
      [`${name}-scorm2004.zip`]: s4.zip,
      [`${name}-xapi`]: x.site,
      [`${name}-xapi.zip`]: x.zip,
      [`${name}-cmi5`]: c.site,
      [`${name}-cmi5.zip`]: c.zip,
    });
    const zips = [
      [`${name}-scorm12.zip`, s.zip],
      [`${name}-scorm2004.zip`, s4.zip],
      [`${name}-xapi.zip`, x.zip],
      [`${name}-cmi5.zip`, c.zip],
    ] as const;
    for (const [file, zip] of zips) {
      console.log(`${join(DIST, file)}  ${zip.byteLength.toLocaleString("en")} bytes`);
    }
  }
}

main().catch((e: unknown) => {
  // Author and build mistakes are one readable line; anything else is a bug and keeps its stack.
  if (e instanceof ContentError || e instanceof BuildError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
