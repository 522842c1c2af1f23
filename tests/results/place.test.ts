/** The results code's refusals where the teacher reads them: --unit on the command line, the studio's drop zone there. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/results/analyse";
import { readMoodleReport } from "../../src/results/readReport";
import { unitFromPackage } from "../../src/results/unitFromPackage";
import { peerMentoring } from "../support/unit";
import { EXPORTS } from "./groundTruth";

const text = readFileSync(join(EXPORTS, "interactions.csv"), "utf8").replace(/card_/g, "card_other_");
const other = readMoodleReport(new TextEncoder().encode(text), "other.csv");

describe("the results code's words, by where they are read", () => {
  it("the report of another package", () => {
    const unit = peerMentoring();
    expect(() => analyse(unit, other, { attempt: "highest" })).toThrow(
      'none of the 135 answers is to a card of "Peer Mentoring" (peer-mentoring.da): it is the report of another package, or pass the unit it belongs to with --unit',
    );
    expect(() => analyse(unit, other, { attempt: "highest", place: "studio" })).toThrow(
      'none of the 135 answers is to a card of "Peer Mentoring" (peer-mentoring.da): it is the report of another package, or drop the unit it belongs to (its content file or package) under 2. The unit',
    );
  });

  it("a unit file that is no package", async () => {
    const zip = await new JSZip().file("index.html", "<p>hello</p>").generateAsync({ type: "uint8array" });
    await expect(unitFromPackage(zip, "x.zip")).rejects.toThrow("x.zip is not a package built by this project (its index.html holds no unit): pass the content file instead");
    await expect(unitFromPackage(zip, "x.zip", "studio")).rejects.toThrow("x.zip is not a package made here or by the project's build (it holds no unit): drop the unit's content file (.json) instead");
    const notZip = new TextEncoder().encode("hello");
    await expect(unitFromPackage(notZip, "x.zip")).rejects.toThrow("x.zip is not a zip: pass a package built by this project (dist/<unit>-scorm12.zip) or a content file");
    await expect(unitFromPackage(notZip, "x.zip", "studio")).rejects.toThrow("x.zip is not a zip: drop a package made here or by the project's build (<unit>-scorm12.zip), or a content file (.json)");
  });
});
