/** The package files (manifest templates, schemas) read from the project: Node only, for build.ts and tests. */
import { readFileSync } from "node:fs";
import type { ScormVersion } from "./manifest";
import type { PackageFiles } from "./packages";
import { SCHEMA_FILES, SCHEMA_FILES_2004 } from "./zip";

const SCHEMAS: Record<ScormVersion, { dir: string; files: readonly string[] }> = {
  "1.2": { dir: "./xsd/", files: SCHEMA_FILES },
  "2004": { dir: "./xsd/scorm2004/", files: SCHEMA_FILES_2004 },
};

/** The manifest template of each SCORM version (1.2's at the top level, where authors look for it). */
const TEMPLATES: Record<ScormVersion, URL> = {
  "1.2": new URL("../../imsmanifest.template.xml", import.meta.url),
  "2004": new URL("./imsmanifest2004.template.xml", import.meta.url),
};

/** A version's schema files from src/packaging/xsd, keyed by file name (= their zip path). */
export function schemaFiles(version: ScormVersion = "1.2"): Record<string, Uint8Array> {
  const { dir, files } = SCHEMAS[version];
  const out: Record<string, Uint8Array> = {};
  for (const name of files) out[name] = readFileSync(new URL(`${dir}${name}`, import.meta.url));
  return out;
}

export function readPackageFiles(): PackageFiles {
  return {
    templates: { "1.2": readFileSync(TEMPLATES["1.2"], "utf8"), "2004": readFileSync(TEMPLATES["2004"], "utf8") },
    schemas: { "1.2": schemaFiles("1.2"), "2004": schemaFiles("2004") },
  };
}
