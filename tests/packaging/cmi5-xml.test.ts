/** cmi5.xml rendered from the real unit, validated with xmllint against the cmi5 CourseStructure.xsd. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cmi5Ids, renderCmi5Xml } from "../../src/packaging/cmi5";
import { xapiActivityId } from "../../src/packaging/tincan";
import { xmllintPath } from "../support/tools";
import { peerMentoring } from "../support/unit";

const XSD = fileURLToPath(new URL("../../src/packaging/xsd/cmi5/CourseStructure.xsd", import.meta.url));
const unit = peerMentoring();

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** xmllint's verdict on one cmi5.xml. */
function validateCmi5(xml: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "cmi5-xml-"));
  dirs.push(dir);
  writeFileSync(join(dir, "cmi5.xml"), xml);
  const r = spawnSync(xmllintPath(), ["--noout", "--schema", XSD, "cmi5.xml"], { cwd: dir, encoding: "utf8" });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe("cmi5.xml", () => {
  it("one course and one AU, ids from the unit id (the AU's is the xAPI activity id), Danish langstrings", () => {
    const xml = renderCmi5Xml(unit);
    expect(cmi5Ids(unit)).toEqual({ course: "urn:learning-unit:peer-mentoring:course", au: "urn:learning-unit:peer-mentoring" });
    expect(cmi5Ids(unit).au).toBe(xapiActivityId(unit));
    expect(xml).toContain('<course id="urn:learning-unit:peer-mentoring:course">');
    expect(xml).toContain(
      '<au id="urn:learning-unit:peer-mentoring" moveOn="Completed" launchMethod="OwnWindow" activityType="http://adlnet.gov/expapi/activities/lesson">',
    );
    expect(xml.match(/<title><langstring lang="da">Peer Mentoring<\/langstring><\/title>/g)).toHaveLength(2);
    expect(xml.match(/<au /g)).toHaveLength(1);
    expect(xml).toContain("<url>index.html</url>");
    expect(xml).not.toContain("masteryScore");
  });

  it("the same ids for a new title or release, and for the English edition", () => {
    const other = { ...unit, title: "Another title", version: "9.0.0", lang: "en" as const };
    expect(cmi5Ids(other)).toEqual(cmi5Ids(unit));
    expect(renderCmi5Xml(other)).toContain('<langstring lang="en">Another title</langstring>');
  });

  it.each([
    [80, "0.8"],
    [75, "0.75"],
    [0, "0"],
    [100, "1"],
  ])("a mastery score of %i becomes masteryScore %s with moveOn Passed, and validates", (percent, decimal) => {
    const xml = renderCmi5Xml({ ...unit, masteryScore: percent });
    expect(xml).toContain(`moveOn="Passed" masteryScore="${decimal}" launchMethod="OwnWindow"`);
    const r = validateCmi5(xml);
    expect(r.status, r.output).toBe(0);
  });

  it("validates against CourseStructure.xsd (xmllint), with markup characters in the texts escaped", () => {
    const r = validateCmi5(renderCmi5Xml({ ...unit, title: `Mentor & mentee <1>: "æøå"` }));
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain("cmi5.xml validates");
  });

  it.each([
    ["a moveOn outside the vocabulary", (x: string) => x.replace('moveOn="Completed"', 'moveOn="Done"'), "moveOn"],
    ["a masteryScore in percent", (x: string) => x.replace('launchMethod="OwnWindow"', 'masteryScore="80" launchMethod="OwnWindow"'), "masteryScore"],
    ["an AU without url", (x: string) => x.replace("<url>index.html</url>", ""), "url"],
    ["a course without description", (x: string) => x.replace(/<description>.*?<\/description>/, ""), "description"],
  ])("rejects %s (exit 3)", (_name, breakIt, field) => {
    const broken = breakIt(renderCmi5Xml(unit));
    expect(broken).not.toBe(renderCmi5Xml(unit));
    const r = validateCmi5(broken);
    expect(r.status, r.output).toBe(3);
    expect(r.output).toContain(field);
  });

  it("every built cmi5 zip carries one at its root, valid, for its edition's language", async () => {
    const zips = readdirSync("dist").filter((f) => f.endsWith("-cmi5.zip"));
    expect(zips.sort()).toEqual(["peer-mentoring-cmi5.zip", "peer-mentoring.en-cmi5.zip"]);
    for (const file of zips) {
      const xml = await (await JSZip.loadAsync(readFileSync(`dist/${file}`))).file("cmi5.xml")!.async("string");
      const r = validateCmi5(xml);
      expect(r.status, `${file}: ${r.output}`).toBe(0);
      expect(xml).toContain(`<langstring lang="${file.includes(".en-") ? "en" : "da"}">`);
    }
  });
});
