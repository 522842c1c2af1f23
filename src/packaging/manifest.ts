/**
 * Fills a manifest template for one unit (imsmanifest.template.xml for SCORM 1.2,
 * src/packaging/imsmanifest2004.template.xml for SCORM 2004 4th Edition), and cross-checks a
 * manifest against the zip entries. Pure (no node imports) so it can run anywhere; the build reads
 * the template and writes the result.
 */
import type { Unit } from "../content/types";

export type ScormVersion = "1.2" | "2004";

export interface ManifestMeta {
  unit: Pick<Unit, "id" | "version" | "title" | "masteryScore">;
  /** Content files shipped in the package (index.html, assets/...), relative to the zip root. */
  files: string[];
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

function unescapeXml(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, n: string) => named[n]);
}

/**
 * Forward slashes, relative, plain ASCII without spaces or `#?%&`: Moodle concatenates the launch URL
 * as-is (scorm12.md §1.1), and `..` would point outside the package.
 */
function normalizeFile(path: string): string {
  const p = path.replace(/\\/g, "/");
  const ok =
    /^[A-Za-z0-9._/-]+$/.test(p) &&
    !p.includes("..") &&
    p.split("/").every((seg) => seg !== "" && seg !== ".");
  if (!ok) throw new Error(`manifest: unsafe file path ${JSON.stringify(path)} (need relative [A-Za-z0-9._/-], no "..")`);
  return p;
}

/**
 * Identifiers come from unit.id only: Moodle matches SCOs by item identifier on package update and
 * deletes the tracking data of items whose identifier disappeared (scorm12.md §1.4), so a new title
 * or version must not change them. The prefix makes them valid xsd:ID values (must start with a letter, §1.2).
 */
export function manifestIds(id: string) {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new Error(`manifest: unit id ${JSON.stringify(id)} is not usable in xsd:ID identifiers`);
  return { manifestId: `MANIFEST-${id}`, orgId: `ORG-${id}`, itemId: `ITEM-${id}`, resourceId: `RES-${id}` };
}

/**
 * How each version states the mastery score, as lines placed after the item <title>.
 * 1.2: adlcp:masteryscore (0-100), handed to the SCO as cmi.student_data.mastery_score.
 * 2004: the primary objective is satisfied by measure against masteryScore / 100, which the LMS
 * hands to the SCO as cmi.scaled_passing_score (SCORM 2004 4th Edition: CAM, Sequencing Definition
 * Model, primary objective; RTE, cmi.scaled_passing_score).
 */
const masteryLines: Record<ScormVersion, (mastery: number) => string[]> = {
  "1.2": (m) => [`<adlcp:masteryscore>${m}</adlcp:masteryscore>`],
  "2004": (m) => [
    "<imsss:sequencing>",
    "  <imsss:objectives>",
    '    <imsss:primaryObjective objectiveID="PRIMARYOBJ" satisfiedByMeasure="true">',
    `      <imsss:minNormalizedMeasure>${m / 100}</imsss:minNormalizedMeasure>`,
    "    </imsss:primaryObjective>",
    "  </imsss:objectives>",
    "</imsss:sequencing>",
  ],
};

export function renderManifest(template: string, meta: ManifestMeta, version: ScormVersion = "1.2"): string {
  const { unit } = meta;
  const files = meta.files.map(normalizeFile).sort();
  const dup = files.find((f, i) => f === files[i + 1]);
  if (dup !== undefined) throw new Error(`manifest: file path ${JSON.stringify(dup)} is listed twice`);

  const mastery = unit.masteryScore;
  if (mastery !== undefined && !(Number.isInteger(mastery) && mastery >= 0 && mastery <= 100)) {
    // An integer 0-100 is what Moodle and other LMSs compare score.raw against (scorm12.md §1.2).
    throw new Error(`manifest: masteryScore must be an integer 0-100, got ${mastery}`);
  }

  // Inline values are XML-escaped text; block values are lines of ready-made XML (possibly none).
  const inline: Record<string, string> = { ...manifestIds(unit.id), version: unit.version, title: unit.title };
  const block: Record<string, string[]> = {
    // Placed by the template after the item <title>: the XSDs require title before adlcp:* and
    // imsss:* (scorm12.md §1.2).
    masteryScore: mastery === undefined ? [] : masteryLines[version](mastery),
    files: files.map((f) => `<file href="${escapeXml(f)}"/>`),
  };

  // Check the template itself (not the output, where a title may legitimately contain "{{").
  const known = [...Object.keys(inline), ...Object.keys(block)];
  for (const [, name] of template.matchAll(/\{\{(\w*)\}\}/g)) {
    if (!known.includes(name)) throw new Error(`manifest: unknown placeholder {{${name}}} in template`);
  }
  const stray = /\{\{|\}\}/.exec(template.replace(/\{\{\w+\}\}/g, ""));
  if (stray) throw new Error(`manifest: malformed placeholder near ${JSON.stringify(template.slice(stray.index, stray.index + 30))}`);
  for (const name of known) {
    if (!template.includes(`{{${name}}}`)) throw new Error(`manifest: template lacks {{${name}}}`);
  }

  // A block placeholder stands alone on its line; each produced line gets that line's indentation,
  // and an empty block removes the line entirely.
  const out = template.replace(/^([ \t]*)\{\{(\w+)\}\}[ \t]*(\r?\n)/gm, (line, indent: string, name: string, eol: string) =>
    Object.hasOwn(block, name) ? block[name].map((l) => indent + l + eol).join("") : line,
  );
  // One pass, so inserted values are never re-scanned for placeholders.
  return out.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (Object.hasOwn(inline, name)) return escapeXml(inline[name]);
    throw new Error(`manifest: {{${name}}} must stand alone on its own line`);
  });
}

/** Values of `attr` on every `<tag ...>` start tag (our own template's output: double-quoted attributes). */
function attrValues(xml: string, tag: string, attr: string): string[] {
  const values: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}\\b[^>]*>`, "g"))) {
    const a = new RegExp(`\\s${attr}="([^"]*)"`).exec(m[0]);
    if (a) values.push(unescapeXml(a[1]));
  }
  return values;
}

/**
 * Checks xmllint cannot make (scorm12.md §1.3: identifierref and organizations@default are not
 * verified by the schema) plus manifest-vs-zip consistency. Returns problems; empty = fine.
 */
export function checkManifest(xml: string, zipEntries: string[]): string[] {
  const problems: string[] = [];
  const resources = new Set(attrValues(xml, "resource", "identifier"));
  const orgs = new Set(attrValues(xml, "organization", "identifier"));
  for (const ref of attrValues(xml, "item", "identifierref")) {
    if (!resources.has(ref)) problems.push(`item identifierref "${ref}" has no matching resource identifier`);
  }
  for (const def of attrValues(xml, "organizations", "default")) {
    if (!orgs.has(def)) problems.push(`organizations default "${def}" has no matching organization`);
  }

  const entries = new Set(zipEntries.filter((e) => !e.endsWith("/"))); // folder entries carry no content
  const listed = new Set(attrValues(xml, "file", "href"));
  for (const href of attrValues(xml, "resource", "href")) {
    if (!entries.has(href)) problems.push(`resource href "${href}" is missing from the zip`);
  }
  for (const href of listed) {
    if (!entries.has(href)) problems.push(`listed file "${href}" is missing from the zip`);
  }
  for (const e of [...entries].sort()) {
    // The schemas (and the DTDs the 2004 set's xml.xsd names) sit beside the manifest, unlisted.
    const control = e === "imsmanifest.xml" || (!e.includes("/") && /\.(xsd|dtd)$/.test(e));
    if (!control && !listed.has(e)) problems.push(`zip entry "${e}" is not listed in the manifest`);
  }
  return problems;
}
