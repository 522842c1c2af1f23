import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { checkManifest, renderManifest, type ManifestMeta, type ScormVersion } from "../../src/packaging/manifest";
import { schemaFiles } from "../../src/packaging/packageFiles";
import { SCHEMA_FILES, SCHEMA_FILES_2004, zipPackage } from "../../src/packaging/zip";
import { xmllintManifest } from "../support/xmllint";

const template = readFileSync(new URL("../../imsmanifest.template.xml", import.meta.url), "utf8");
const template2004 = readFileSync(new URL("../../src/packaging/imsmanifest2004.template.xml", import.meta.url), "utf8");
const unit: ManifestMeta["unit"] = {
  id: "peer-mentoring",
  version: "1.2.0",
  title: `Mentor & mentee <del 1>: "æøå" 'ÆØÅ'`,
  masteryScore: 80,
};
const files = ["index.html", "assets/app.js", "assets/app.css"];
const render = (u: Partial<ManifestMeta["unit"]> = {}, f = files) => renderManifest(template, { unit: { ...unit, ...u }, files: f });
const render2004 = (u: Partial<ManifestMeta["unit"]> = {}) => renderManifest(template2004, { unit: { ...unit, ...u }, files }, "2004");

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "manifest-test-"));
  tmpDirs.push(d);
  return d;
}

describe("renderManifest", () => {
  it("escapes inserted values and keeps Danish letters", () => {
    const xml = render();
    expect(xml).toContain("<title>Mentor &amp; mentee &lt;del 1&gt;: &quot;æøå&quot; &apos;ÆØÅ&apos;</title>");
    expect(xml).not.toContain("<del 1>");
    expect(xml).toContain('version="1.2.0"');
  });

  it("puts adlcp:masteryscore after the item title, only when a mastery score is set", () => {
    expect(render()).toMatch(
      /<item identifier="ITEM-peer-mentoring"[^>]*>\s*<title>[^<]*<\/title>\n\s*<adlcp:masteryscore>80<\/adlcp:masteryscore>\n\s*<\/item>/,
    );
    const without = render({ masteryScore: undefined });
    expect(without).not.toContain("masteryscore");
    expect(without).not.toMatch(/\n[ \t]*\n/); // the placeholder line is removed, not left blank
    expect(render({ masteryScore: 0 })).toContain("<adlcp:masteryscore>0</adlcp:masteryscore>");
    expect(() => render({ masteryScore: 80.5 })).toThrow("masteryScore");
    expect(() => render({ masteryScore: 101 })).toThrow("masteryScore");
  });

  it("derives identifiers from the unit id only (stable across title/version changes)", () => {
    const ids = (xml: string) => [...xml.matchAll(/(identifier|identifierref|default)="([^"]*)"/g)].map((m) => m[0]);
    const a = ids(render());
    expect(a).toEqual([
      'identifier="MANIFEST-peer-mentoring"',
      'default="ORG-peer-mentoring"',
      'identifier="ORG-peer-mentoring"',
      'identifier="ITEM-peer-mentoring"',
      'identifierref="RES-peer-mentoring"',
      'identifier="RES-peer-mentoring"',
    ]);
    expect(ids(render({ title: "Something else entirely", version: "9.0.0" }))).toEqual(a);
    expect(() => render({ id: "has space" })).toThrow("has space");
  });

  it("lists files sorted, with forward slashes, indented", () => {
    const xml = render({}, ["index.html", "assets\\b.js", "assets/a.css"]);
    expect(xml).toContain(
      '      <file href="assets/a.css"/>\n      <file href="assets/b.js"/>\n      <file href="index.html"/>\n    </resource>',
    );
  });

  it.each(["../x.js", "assets/../../x.js", "/abs.js", "a b.js", "a#b.js", "a?b.js", "a%20b.js", "a&b.js", "a//b.js", "./x.js", "assets/", "ø.js", "C:x.js", ""])(
    "rejects unsafe file path %j",
    (bad) => {
      expect(() => render({}, ["index.html", bad])).toThrow(JSON.stringify(bad));
    },
  );

  it("rejects duplicate files", () => {
    expect(() => render({}, ["index.html", "a.js", "a.js"])).toThrow('"a.js"');
  });

  it("throws on unknown, malformed, misplaced or missing placeholders", () => {
    const meta = { unit, files };
    expect(() => renderManifest(template + "<!-- {{author}} -->", meta)).toThrow("{{author}}");
    expect(() => renderManifest(template + "<!-- {{ title }} -->", meta)).toThrow("malformed");
    expect(() => renderManifest(template.replace("{{files}}", "<x/>{{files}}"), meta)).toThrow("own line");
    expect(() => renderManifest(template.replace("{{masteryScore}}", ""), meta)).toThrow("lacks {{masteryScore}}");
    // placeholder-like text inside a value is data, not a placeholder
    expect(render({ title: "{{files}} }}" })).toContain("<title>{{files}} }}</title>");
  });
});

/** Runs xmllint like scorm12.md §1.3 in a folder holding the manifest and the version's schemas. */
function xmllint(manifest: string, version: ScormVersion = "1.2"): { status: number | null; output: string } {
  const dir = tempDir();
  writeFileSync(join(dir, "imsmanifest.xml"), manifest);
  for (const [name, bytes] of Object.entries(schemaFiles(version))) writeFileSync(join(dir, name), bytes);
  return xmllintManifest(dir, version);
}

describe("xmllint schema validation", () => {
  it("accepts the manifest with a mastery score", () => {
    const r = xmllint(render());
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain("imsmanifest.xml validates");
  });

  it("accepts the manifest without a mastery score", () => {
    const r = xmllint(render({ masteryScore: undefined }));
    expect(r.status, r.output).toBe(0);
  });

  it("rejects a broken manifest (scormtype SCO) with exit code 3", () => {
    const broken = render().replace('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"');
    expect(broken).toContain('"SCO"');
    const r = xmllint(broken);
    expect(r.status, r.output).toBe(3);
    expect(r.output).toContain("scormtype");
  });
});

describe("SCORM 2004 4th Edition manifest", () => {
  it("is one organization, one item and one sco resource, version 2004 4th Edition, same identifiers as 1.2", () => {
    const xml = render2004();
    expect(xml).toContain("<schemaversion>2004 4th Edition</schemaversion>");
    expect(xml).toContain('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"');
    expect(xml.match(/<organization /g)).toHaveLength(1);
    expect(xml.match(/<item /g)).toHaveLength(1);
    expect(xml.match(/<resource /g)).toHaveLength(1);
    expect(xml).toContain('<resource identifier="RES-peer-mentoring" type="webcontent" adlcp:scormType="sco" href="index.html">');
    const ids = (x: string) => [...x.matchAll(/(identifier|identifierref|default)="([^"]*)"/g)].map((m) => m[0]).filter((a) => !a.includes("PRIMARYOBJ"));
    expect(ids(xml)).toEqual(ids(render()));
    expect(xml).toContain("<title>Mentor &amp; mentee &lt;del 1&gt;: &quot;æøå&quot; &apos;ÆØÅ&apos;</title>");
  });

  it.each([
    [80, "0.8"],
    [0, "0"],
    [100, "1"],
    [67, "0.67"],
  ])("mastery score %i: the primary objective is satisfied by measure, minNormalizedMeasure %s", (mastery, measure) => {
    const flat = render2004({ masteryScore: mastery }).replace(/>\s+</g, "><");
    expect(flat).toContain(
      '<title>Mentor &amp; mentee &lt;del 1&gt;: &quot;æøå&quot; &apos;ÆØÅ&apos;</title><imsss:sequencing><imsss:objectives>' +
        `<imsss:primaryObjective objectiveID="PRIMARYOBJ" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>${measure}</imsss:minNormalizedMeasure>` +
        "</imsss:primaryObjective></imsss:objectives></imsss:sequencing></item>",
    );
  });

  it("has no sequencing without a mastery score, and no 1.2 element either way", () => {
    const without = render2004({ masteryScore: undefined });
    expect(without).not.toContain("imsss:sequencing");
    expect(without).not.toMatch(/\n[ \t]*\n/);
    expect(render2004()).not.toContain("masteryscore");
    expect(render2004()).not.toContain("scormtype=");
  });

  it.each([
    ["with a mastery score", {}],
    ["without a mastery score", { masteryScore: undefined }],
  ])("validates with xmllint against the 4th Edition schemas, %s", (_name, u) => {
    const r = xmllint(render2004(u), "2004");
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain("imsmanifest.xml validates");
  });

  it.each([
    ["scormType SCO", (x: string) => x.replace('adlcp:scormType="sco"', 'adlcp:scormType="SCO"'), "scormType"],
    ["a measure above 1", (x: string) => x.replace(">0.8<", ">80<"), "minNormalizedMeasure"],
    ["an identifier starting with a digit", (x: string) => x.replace('identifier="ITEM-peer-mentoring"', 'identifier="1-item"'), "xs:ID"],
    ["the title after the sequencing", (x: string) => x.replace(/(<title>[^<]*<\/title>)(\s*)(<imsss:sequencing>[\s\S]*<\/imsss:sequencing>)/, "$3$2$1"), "title"],
  ])("rejects a broken manifest (%s) with exit code 3", (_name, breakIt, word) => {
    const broken = breakIt(render2004());
    expect(broken).not.toBe(render2004());
    const r = xmllint(broken, "2004");
    expect(r.status, r.output).toBe(3);
    expect(r.output).toContain(word);
  });

  it("schemaFiles(\"2004\") gives the 17 files of the ADL set, each non-empty", () => {
    const s = schemaFiles("2004");
    expect(Object.keys(s).sort()).toEqual([...SCHEMA_FILES_2004].sort());
    expect(Object.keys(s)).toHaveLength(17);
    for (const bytes of Object.values(s)) expect(bytes.byteLength).toBeGreaterThan(500);
    expect(Buffer.from(s["adlcp_v1p3.xsd"]!).toString("utf8")).toContain('targetNamespace = "http://www.adlnet.org/xsd/adlcp_v1p3"');
  });
});

describe("checkManifest", () => {
  const xml = render();
  const control = ["imsmanifest.xml", ...SCHEMA_FILES];
  const good = [...control, ...files];
  const cases: { name: string; xml?: string; entries?: string[]; problems: string[] }[] = [
    { name: "good package", problems: [] },
    { name: "folder entries are ignored", entries: [...good, "assets/"], problems: [] },
    { name: "extra root .xsd is a control file", entries: [...good, "scorm12_all.xsd"], problems: [] },
    { name: "root .dtd (the 2004 set's) is a control file", entries: [...good, "XMLSchema.dtd", "datatypes.dtd"], problems: [] },
    {
      name: "dangling identifierref",
      xml: xml.replace('identifierref="RES-peer-mentoring"', 'identifierref="RES-other"'),
      problems: ['item identifierref "RES-other" has no matching resource identifier'],
    },
    {
      name: "dangling organizations default",
      xml: xml.replace('default="ORG-peer-mentoring"', 'default="ORG-other"'),
      problems: ['organizations default "ORG-other" has no matching organization'],
    },
    {
      name: "listed file missing from zip",
      entries: good.filter((e) => e !== "assets/app.css"),
      problems: ['listed file "assets/app.css" is missing from the zip'],
    },
    {
      name: "launch file missing from zip",
      entries: good.filter((e) => e !== "index.html"),
      problems: ['resource href "index.html" is missing from the zip', 'listed file "index.html" is missing from the zip'],
    },
    {
      name: "unlisted zip entry",
      entries: [...good, "assets/extra.png", "nested/schema.xsd"],
      problems: ['zip entry "assets/extra.png" is not listed in the manifest', 'zip entry "nested/schema.xsd" is not listed in the manifest'],
    },
  ];
  it.each(cases)("$name", ({ xml: x = xml, entries = good, problems }) => {
    expect(checkManifest(x, entries)).toEqual(problems);
  });

  it("finds nothing wrong in the 2004 manifest beside its 17 schema files, and a dangling identifierref there too", () => {
    const entries = ["imsmanifest.xml", ...SCHEMA_FILES_2004, ...files];
    expect(checkManifest(render2004(), entries)).toEqual([]);
    const dangling = render2004().replace('identifierref="RES-peer-mentoring"', 'identifierref="RES-x"');
    expect(checkManifest(dangling, entries)).toEqual(['item identifierref "RES-x" has no matching resource identifier']);
  });
});

describe("zipPackage", () => {
  const input = { "index.html": "<!doctype html><p>æøå</p>", "assets/b.js": "b()", "assets/a.css": "a{}", ...schemaFiles() };
  const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

  it("schemaFiles returns the four XSDs from src/packaging/xsd", () => {
    const s = schemaFiles();
    expect(Object.keys(s).sort()).toEqual([...SCHEMA_FILES].sort());
    expect(Buffer.from(s["adlcp_rootv1p2.xsd"]).toString("utf8")).toContain("adlcp_rootv1p2");
  });

  it("is byte-identical for the same input, lists exactly the given entries sorted, dated 2000-01-01", async () => {
    const a = await zipPackage(input);
    const b = await zipPackage({ ...input });
    expect(sha(a)).toBe(sha(b));

    const zip = await JSZip.loadAsync(a);
    const names = Object.keys(zip.files);
    expect(names).toEqual(Object.keys(input).sort());
    expect(await zip.file("index.html")!.async("string")).toBe(input["index.html"]);

    // First local header (offset 0): DOS time at bytes 10-11, date at 12-13, little-endian.
    // 2000-01-01 00:00:00 = time 0, date ((2000-1980) << 9) | (1 << 5) | 1 = 0x2821 — independent of TZ.
    const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe(0x2821);
  });

  it("gives the same bytes under different time zones", async () => {
    const dir = tempDir();
    const small = { "index.html": input["index.html"], "assets/b.js": "b()", "assets/a.css": "a{}" };
    // .mts so the temp script is ESM (top-level await) outside this package's "type": "module"
    const script = join(dir, "zip-tz.mts");
    const zipModule = new URL("../../src/packaging/zip.ts", import.meta.url).href;
    writeFileSync(
      script,
      `import { createHash } from "node:crypto";
import { zipPackage } from ${JSON.stringify(zipModule)};
const input = ${JSON.stringify(small)};
const bytes = await zipPackage(input);
console.log(createHash("sha256").update(bytes).digest("hex"));
`,
    );
    const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
    const run = (tz: string) => {
      const r = spawnSync(tsx, [script], { env: { ...process.env, TZ: tz }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    const utc = run("UTC");
    expect(utc).toBe(sha(await zipPackage(small))); // and the same as in this process

    expect(run("Pacific/Auckland")).toBe(utc);
    expect(run("America/Los_Angeles")).toBe(utc);
  }, 60_000);
});
