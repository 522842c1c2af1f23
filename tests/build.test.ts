/**
 * The real build on real content: the zip a teacher uploads, and what an author sees when a content
 * file is wrong. Builds run as child processes (`tsx build.ts`), exactly as `npm run build` does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { checkManifest } from "../src/packaging/manifest";
import { SCHEMA_FILES } from "../src/packaging/zip";
import { projectCopy, runTs } from "./support/project";
import { xmllintPath } from "./support/tools";
import { strings } from "../src/i18n";
import { TRACE_CALL } from "../src/packaging/bundle";
import { unzipToTemp } from "./support/unzip";

const REAL = JSON.parse(readFileSync("content/peer-mentoring.da.json", "utf8"));

/** A throwaway copy of the project to build in, with `content` as its content file `name`. */
const copyWith = (content: Record<string, unknown> | string = REAL, name = "peer-mentoring.da.json") =>
  projectCopy("build-", { [`content/${name}`]: typeof content === "string" ? content : JSON.stringify(content, null, 2) });

const build = (cwd: string, ...args: string[]) => runTs(cwd, "build.ts", ...args);

const xmllint = (dir: string) =>
  spawnSync(xmllintPath(), ["--noout", "--schema", "adlcp_rootv1p2.xsd", "imsmanifest.xml"], { cwd: dir, encoding: "utf8" });

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
    expect(r.stderr).toContain("imsmanifest.xml validates");
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

  it("carries a script with its own language's strings only, and none of pipwerks' debug messages", () => {
    const da = readFileSync("dist/peer-mentoring/assets/app.js", "utf8");
    const en = readFileSync("dist/peer-mentoring.en/assets/app.js", "utf8");
    expect(da).toContain(strings("da").check);
    expect(da).not.toContain(strings("en").check);
    expect(en).toContain(strings("en").check);
    expect(en).not.toContain(strings("da").check);
    // pipwerks' messages, built for every call and printed only in debug mode.
    const pipwerks = readFileSync("node_modules/pipwerks-scorm-api-wrapper/index.js", "utf8");
    expect(pipwerks).toContain(`trace("connection.initialize called.")`);
    expect(pipwerks.match(TRACE_CALL)).toHaveLength(31);
    for (const script of [da, en]) {
      expect(script).not.toContain("connection.initialize called");
      expect(script).toContain("LMSInitialize"); // the wrapper itself is there
    }
  });

  it("is byte-identical when built twice from the same sources", () => {
    const dir = copyWith();
    expect(build(dir).status).toBe(0);
    const first = readFileSync(join(dir, "dist/peer-mentoring-scorm12.zip"));
    expect(build(dir).status).toBe(0);
    expect(readFileSync(join(dir, "dist/peer-mentoring-scorm12.zip")).equals(first)).toBe(true);
  });

  it("writes adlcp:masteryscore when the unit sets a mastery score, and still validates", async () => {
    const dir = copyWith({ ...REAL, masteryScore: 80 });
    const r = build(dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/dist\/peer-mentoring-scorm12\.zip\s+[\d,]+ bytes/);
    const unpacked = await unzipToTemp(join(dir, "dist/peer-mentoring-scorm12.zip"));
    expect(readFileSync(join(unpacked, "imsmanifest.xml"), "utf8")).toMatch(/<title>Peer Mentoring<\/title>\s*<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
    expect(xmllint(unpacked).status).toBe(0);
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
