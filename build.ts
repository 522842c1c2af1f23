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
 *   dist/studio/                the studio: a page where a teacher makes these zips from a document
 *   dist/studio.zip             that folder as one file, to share (both written only by a whole build)
 *
 * <name> is the unit id for the unit's first language in LANGS (da), `<id>.<lang>` for the other
 * editions: content/peer-mentoring.da.json → dist/peer-mentoring-scorm12.zip,
 * content/peer-mentoring.en.json → dist/peer-mentoring.en-scorm12.zip. `<unit>` on the command line
 * is a unit id (all its editions) or an edition name.
 *
 * A content mistake prints one line naming the file and the field and exits 1 before anything is
 * written; each output is written to a temporary folder and moved into place only when complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { editionName } from "./src/content/edition";
import { listContentFiles, loadUnitFile } from "./src/content/load";
import { ContentError, LANGS } from "./src/content/schema";
import type { Lang, Unit } from "./src/content/types";
import { bundleApp, type Bundle } from "./src/packaging/bundle";
import { readPackageFiles } from "./src/packaging/packageFiles";
import { ENTRIES, PACKAGES, siteName, zipName, type PackageKind } from "./src/packaging/packageNames";
import { makePackage, PackageError, type Files } from "./src/packaging/packages";
import { zipPackage } from "./src/packaging/zip";
import { buildStudio } from "./src/studio/build";
import { keyCollisions } from "./src/state/resume";

const DIST = "dist";

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

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const editions = loadEditions(only);
  const files = readPackageFiles();
  // One script per package and language (each carries only its own UI strings), bundled once.
  const bundles = new Map<string, Promise<Bundle>>();
  const bundle = (kind: PackageKind, lang: Lang) => {
    const key = `${kind}:${lang}`;
    if (!bundles.has(key)) bundles.set(key, bundleApp(ENTRIES[kind], lang));
    return bundles.get(key)!;
  };
  mkdirSync(DIST, { recursive: true });
  for (const { unit, name } of editions) {
    const outputs: Record<string, Files | Uint8Array> = {};
    for (const kind of PACKAGES) {
      const { site, zip } = await makePackage(unit, kind, await bundle(kind, unit.lang), files);
      outputs[siteName(name, kind)] = site;
      outputs[zipName(name, kind)] = zip;
    }
    writeAtomically(outputs);
    for (const kind of PACKAGES) {
      const file = zipName(name, kind);
      console.log(`${join(DIST, file)}  ${(outputs[file] as Uint8Array).byteLength.toLocaleString("en")} bytes`);
    }
  }
  // The studio (src/studio/): a page that does the same in a teacher's browser, carrying these scripts.
  if (only.length === 0) {
    const studio = await buildStudio(LANGS.map((lang) => ({ lang, scripts: PACKAGES.map((kind) => [kind, bundle(kind, lang)] as const) })), files);
    // The same folder as one file, to hand to colleagues (unzip, double-click index.html).
    const studioZip = await zipPackage(Object.fromEntries(Object.entries(studio).map(([path, data]) => [`studio/${path}`, data])));
    writeAtomically({ studio, "studio.zip": studioZip });
    console.log(`${join(DIST, "studio", "index.html")}  the studio: open it in a browser (${join(DIST, "studio.zip")} to share it)`);
  }
}

main().catch((e: unknown) => {
  // Author and build mistakes are one readable line; anything else is a bug and keeps its stack.
  if (e instanceof ContentError || e instanceof BuildError || e instanceof PackageError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
