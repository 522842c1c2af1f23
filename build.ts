/**
 * `npm run build [-- <unit-id> ...]`: validate every content file, bundle the app, and write for each
 * unit dist/<unit-id>/ (the launch page and assets, what a learner's browser gets) and
 * dist/<unit-id>-scorm12.zip (that folder plus imsmanifest.xml and the SCORM 1.2 schemas).
 *
 * A content mistake prints one line naming the file and the field and exits 1 before anything is
 * written; a unit is written to a temporary folder and moved into place only when it is complete.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ContentError } from "./src/content/schema";
import { listContentFiles, loadUnitFile } from "./src/content/load";
import type { Unit } from "./src/content/types";
import { bundleApp } from "./src/packaging/bundle";
import { renderIndexHtml } from "./src/packaging/html";
import { checkManifest, renderManifest } from "./src/packaging/manifest";
import { schemaFiles, zipPackage } from "./src/packaging/zip";
import { keyCollisions } from "./src/state/resume";

const DIST = "dist";
const ASSETS = { js: "assets/app.js", css: "assets/app.css" };

class BuildError extends Error {}

function loadUnits(only: string[]): { file: string; unit: Unit }[] {
  const all = listContentFiles("content").map((file) => ({ file, unit: loadUnitFile(file) }));
  for (const { file, unit } of all) {
    const clashes = keyCollisions(unit);
    if (clashes.length > 0) throw new BuildError(`${file}: ids collide in the saved-state encoding (${clashes.join(", ")}); rename one of each pair`);
  }
  const unknown = only.filter((id) => !all.some((u) => u.unit.id === id));
  if (unknown.length > 0) throw new BuildError(`no content file for unit ${unknown.join(", ")} (have: ${all.map((u) => u.unit.id).join(", ")})`);
  return only.length > 0 ? all.filter((u) => only.includes(u.unit.id)) : all;
}

async function buildUnit(unit: Unit, bundle: { js: Uint8Array; css: Uint8Array }): Promise<{ zip: string; bytes: number }> {
  const site: Record<string, string | Uint8Array> = {
    "index.html": renderIndexHtml(unit, ASSETS),
    [ASSETS.js]: bundle.js,
    [ASSETS.css]: bundle.css,
  };
  const template = readFileSync("imsmanifest.template.xml", "utf8");
  const manifest = renderManifest(template, { unit, files: Object.keys(site) });
  const entries = { ...site, ...schemaFiles(), "imsmanifest.xml": manifest };
  const problems = checkManifest(manifest, Object.keys(entries));
  if (problems.length > 0) throw new BuildError(`${unit.id}: manifest problems: ${problems.join("; ")}`);
  const zip = await zipPackage(entries);

  // Write everything to a temporary folder, then move it into place: no half-built unit in dist/.
  const tmp = join(DIST, `.tmp-${unit.id}`);
  rmSync(tmp, { recursive: true, force: true });
  for (const [path, data] of Object.entries(site)) {
    mkdirSync(join(tmp, "site", path, ".."), { recursive: true });
    writeFileSync(join(tmp, "site", path), data);
  }
  writeFileSync(join(tmp, "package.zip"), zip);
  const folder = join(DIST, unit.id);
  const zipPath = join(DIST, `${unit.id}-scorm12.zip`);
  rmSync(folder, { recursive: true, force: true });
  renameSync(join(tmp, "site"), folder);
  renameSync(join(tmp, "package.zip"), zipPath);
  rmSync(tmp, { recursive: true, force: true });
  return { zip: zipPath, bytes: zip.byteLength };
}

async function main(): Promise<void> {
  const units = loadUnits(process.argv.slice(2));
  const bundle = await bundleApp();
  mkdirSync(DIST, { recursive: true });
  for (const { unit } of units) {
    const { zip, bytes } = await buildUnit(unit, bundle);
    console.log(`${zip}  ${bytes.toLocaleString("en")} bytes`);
  }
}

main().catch((e: unknown) => {
  // Author and build mistakes are one readable line; anything else is a bug and keeps its stack.
  if (e instanceof ContentError || e instanceof BuildError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
