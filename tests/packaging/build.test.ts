/**
 * The real build on real content: the zip a teacher uploads, and what an author sees when a content
 * file is wrong. Builds run as child processes (`tsx build.ts`), exactly as `npm run build` does.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { checkManifest } from "../../src/packaging/manifest";
import { SCHEMA_FILES, SCHEMA_FILES_2004 } from "../../src/packaging/zip";
import { projectCopy, runTs } from "../support/project";
import { strings } from "../../src/i18n";
import { lrsStrings } from "../../src/i18n/lrs";
import { TRACE_CALL } from "../../src/packaging/bundle";
import { unzipToTemp } from "../support/unzip";
import { xmllintManifest } from "../support/xmllint";

const REAL = JSON.parse(readFileSync("content/peer-mentoring.da.json", "utf8"));

/** A throwaway copy of the project to build in, with `content` as its content file `name`. */
const copyWith = (content: Record<string, unknown> | string = REAL, name = "peer-mentoring.da.json") =>
  projectCopy("build-", { [`content/${name}`]: typeof content === "string" ? content : JSON.stringify(content, null, 2) });

const build = (cwd: string, ...args: string[]) => runTs(cwd, "build.ts", ...args);

const xmllint = (dir: string) => xmllintManifest(dir, "1.2");

describe("the built SCORM zip", () => {
  it("has imsmanifest.xml and the four schemas at its root, and lists exactly the files it holds", async () => {
    const zip = await JSZip.loadAsync(readFileSync("dist/peer-mentoring-scorm12.zip"));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(["adlcp_rootv1p2.xsd", "assets/app.css", "assets/app.js", "imscp_rootv1p1p2.xsd", "ims_xml.xsd", "imsmanifest.xml", "imsmd_rootv1p2p1.xsd", "index.html"].sort());
    const manifest = await zip.file("imsmanifest.xml")!.async("string");
    expect(checkManifest(manifest, names)).toEqual([]);
    const listed = [...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(names.filter((n) => !n.endsWith(".xsd") && n !== "imsmanifest.xml"));
    for (const xsd of SCHEMA_FILES) expect(names).toContain(xsd);
    expect(manifest).toContain("<schemaversion>1.2</schemaversion>");
    expect(manifest).toContain('adlcp:scormtype="sco"');
    expect(manifest).toContain('<item identifier="ITEM-peer-mentoring" identifierref="RES-peer-mentoring"');
    expect(manifest).toContain("<title>Peer Mentoring</title>");
    expect(manifest).not.toContain("masteryscore");
  });

  it("validates against the SCORM 1.2 schemas it carries (xmllint)", async () => {
    const dir = await unzipToTemp("dist/peer-mentoring-scorm12.zip");
    const r = xmllint(dir);
    expect(r.output).toContain("imsmanifest.xml validates");
    expect(r.status).toBe(0);
  });

  it("has a launch page in Danish with a CSP that allows only its own files and no connection", async () => {
    const html = readFileSync("dist/peer-mentoring/index.html", "utf8");
    expect(html).toContain('<html lang="da">');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; [^"]*connect-src 'none'/);
    expect(html).toContain('<script src="assets/app.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="assets/app.css">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(readdirSync("dist/peer-mentoring/assets").sort()).toEqual(["app.css", "app.js"]);
  });

  it("carries a script with its own language's strings only, none for xAPI or cmi5, and none of pipwerks' debug messages", () => {
    const da = readFileSync("dist/peer-mentoring/assets/app.js", "utf8");
    const en = readFileSync("dist/peer-mentoring.en/assets/app.js", "utf8");
    expect(da).toContain(strings("da").check);
    expect(da).not.toContain(strings("en").check);
    expect(en).toContain(strings("en").check);
    expect(en).not.toContain(strings("da").check);
    expect(da).not.toContain(lrsStrings("da").cmi5NoToken);
    expect(da).not.toContain(lrsStrings("da").verbs.answered);
    expect(readFileSync("dist/peer-mentoring-cmi5/assets/app.js", "utf8")).toContain(lrsStrings("da").cmi5NoToken);
    // pipwerks' messages, built for every call and printed only in debug mode.
    const pipwerks = readFileSync("node_modules/pipwerks-scorm-api-wrapper/index.js", "utf8");
    expect(pipwerks).toContain(`trace("connection.initialize called.")`);
    expect(pipwerks.match(TRACE_CALL)).toHaveLength(31);
    for (const script of [da, en]) {
      expect(script).not.toContain("connection.initialize called");
      expect(script).toContain("LMSInitialize"); // the wrapper itself is there
    }
  });

  it("is byte-identical when built twice from the same sources (and so is the SCORM 2004 zip)", () => {
    const dir = copyWith();
    const zips = ["dist/peer-mentoring-scorm12.zip", "dist/peer-mentoring-scorm2004.zip"];
    expect(build(dir).status).toBe(0);
    const first = zips.map((z) => readFileSync(join(dir, z)));
    expect(build(dir).status).toBe(0);
    zips.forEach((z, i) => expect(readFileSync(join(dir, z)).equals(first[i]!), z).toBe(true));
  });

  it("writes adlcp:masteryscore (1.2) and a primary objective satisfied by measure (2004) when the unit sets a mastery score, and both validate", async () => {
    const dir = copyWith({ ...REAL, masteryScore: 80 });
    const r = build(dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/dist\/peer-mentoring-scorm12\.zip\s+[\d,]+ bytes/);
    expect(r.stdout).toMatch(/dist\/peer-mentoring-scorm2004\.zip\s+[\d,]+ bytes/);
    const unpacked = await unzipToTemp(join(dir, "dist/peer-mentoring-scorm12.zip"));
    expect(readFileSync(join(unpacked, "imsmanifest.xml"), "utf8")).toMatch(/<title>Peer Mentoring<\/title>\s*<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
    expect(xmllint(unpacked).status).toBe(0);
    const unpacked2004 = await unzipToTemp(join(dir, "dist/peer-mentoring-scorm2004.zip"));
    expect(readFileSync(join(unpacked2004, "imsmanifest.xml"), "utf8").replace(/>\s+</g, "><")).toContain(
      '<title>Peer Mentoring</title><imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="PRIMARYOBJ" satisfiedByMeasure="true">' +
        "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives></imsss:sequencing></item>",
    );
    const v = xmllintManifest(unpacked2004, "2004");
    expect(v.status, v.output).toBe(0);
  });
});

describe("the built SCORM 2004 zip", () => {
  const ZIP = "dist/peer-mentoring-scorm2004.zip";

  it("holds imsmanifest.xml and the 17 files of the 4th Edition schema set at its root, and lists exactly the files it holds", async () => {
    const zip = await JSZip.loadAsync(readFileSync(ZIP));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([...SCHEMA_FILES_2004, "assets/app.css", "assets/app.js", "imsmanifest.xml", "index.html"].sort());
    const manifest = await zip.file("imsmanifest.xml")!.async("string");
    expect(checkManifest(manifest, names)).toEqual([]);
    // Both ways: every listed file is in the zip, every content file in the zip is listed.
    const listed = [...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(names.filter((n) => !/\.(xsd|dtd)$/.test(n) && n !== "imsmanifest.xml"));
    expect(manifest).toContain("<schemaversion>2004 4th Edition</schemaversion>");
    expect(manifest).toContain('adlcp:scormType="sco"');
    expect(manifest).not.toContain("imsss:sequencing"); // the real unit has no mastery score
  });

  it("takes its identifiers from the unit id, the same as the SCORM 1.2 zip's (an LMS keeps tracking across versions of the unit)", async () => {
    const ids = async (zipPath: string) => {
      const xml = await (await JSZip.loadAsync(readFileSync(zipPath))).file("imsmanifest.xml")!.async("string");
      return [...xml.matchAll(/\b(identifier|identifierref|default)="([^"]*)"/g)].map((m) => m[0]);
    };
    const ids2004 = await ids(ZIP);
    expect(ids2004).toEqual([
      'identifier="MANIFEST-peer-mentoring"',
      'default="ORG-peer-mentoring"',
      'identifier="ORG-peer-mentoring"',
      'identifier="ITEM-peer-mentoring"',
      'identifierref="RES-peer-mentoring"',
      'identifier="RES-peer-mentoring"',
    ]);
    expect(ids2004).toEqual(await ids("dist/peer-mentoring-scorm12.zip"));
  });

  it("validates with xmllint against the 4th Edition schemas it carries", async () => {
    const dir = await unzipToTemp(ZIP);
    const r = xmllintManifest(dir, "2004");
    expect(r.output).toContain("imsmanifest.xml validates");
    expect(r.status).toBe(0);
  });

  it("has its own launch folder with the same page as the SCORM 1.2 one, and its own script (the 2004 adapter, no 1.2 code)", () => {
    const page = (dir: string) => readFileSync(join(dir, "index.html"), "utf8");
    expect(page("dist/peer-mentoring-scorm2004")).toBe(page("dist/peer-mentoring"));
    expect(readdirSync("dist/peer-mentoring-scorm2004/assets").sort()).toEqual(["app.css", "app.js"]);
    const js = readFileSync("dist/peer-mentoring-scorm2004/assets/app.js", "utf8");
    expect(js).toContain("API_1484_11");
    expect(js).toContain("cmi.completion_status");
    expect(js).not.toContain("cmi.core.score.raw");
    expect(readFileSync("dist/peer-mentoring/assets/app.js", "utf8")).not.toContain("cmi.score.scaled");
  });
});

describe("a mistake in a content file", () => {
  const broken = structuredClone(REAL);
  broken.cards[3].accept[0] = "mentr";

  it.each([
    ["an unknown zone", broken, 'content/peer-mentoring.da.json: cards[3].accept[0]: "mentr" is not a zone (mentor, mentee, both)'],
    ["a missing title", { ...REAL, title: undefined }, "content/peer-mentoring.da.json: title: missing"],
    ["broken JSON", '{ "id": "peer-mentoring",\n  "title": }', "content/peer-mentoring.da.json: invalid JSON at line 2, column"],
  ])("%s: one line naming file and field, exit 1, no zip and no half-built folder", (_name, content, message) => {
    const dir = copyWith(content as Record<string, unknown> | string);
    const r = build(dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim().startsWith(message)).toBe(true);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(join(dir, "dist"))).toBe(false);
  });
});
