/**
 * xmllint against the schemas a package carries, run in the folder holding imsmanifest.xml and
 * those schemas (the unpacked zip). Exit 0 = valid, 3 = invalid.
 *
 * SCORM 1.2: `--schema adlcp_rootv1p2.xsd` (it imports the CP schema; scorm12.md §1.3).
 * SCORM 2004: first the standard `--schema imscp_v1p1.xsd`, then, because that one takes adlcp:* and
 * imsss:* "lax" and never checks them, the helper scorm2004-all.xsd that imports all five namespaces.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScormVersion } from "../../src/packaging/manifest";
import { xmllintPath } from "./tools";

const ALL_2004 = "scorm2004-all.xsd";

export function xmllintManifest(dir: string, version: ScormVersion): { status: number | null; output: string } {
  const run = (schema: string) => spawnSync(xmllintPath(), ["--noout", "--schema", schema, "imsmanifest.xml"], { cwd: dir, encoding: "utf8" });
  if (version === "1.2") {
    const r = run("adlcp_rootv1p2.xsd");
    return { status: r.status, output: r.stdout + r.stderr };
  }
  const standard = run("imscp_v1p1.xsd");
  if (standard.status !== 0) return { status: standard.status, output: standard.stdout + standard.stderr };
  copyFileSync(fileURLToPath(new URL(`./${ALL_2004}`, import.meta.url)), join(dir, ALL_2004));
  const all = run(ALL_2004);
  return { status: all.status, output: standard.stdout + standard.stderr + all.stdout + all.stderr };
}
