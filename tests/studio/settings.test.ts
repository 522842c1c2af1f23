/** The studio's settings (src/studio/settings.ts): the build's validator decides, and each problem goes next to its field. */
import { describe, expect, it } from "vitest";
import { loadUnitFile } from "../../src/content/load";
import { ContentError } from "../../src/content/schema";
import { checkId, fieldOf, withSettings } from "../../src/studio/settings";

const unit = loadUnitFile("content/peer-mentoring.en.json");
const problem = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ContentError) return { field: fieldOf(e), message: e.message };
    throw e;
  }
  throw new Error("no problem found");
};

describe("withSettings", () => {
  it("leaves the unit as imported when nothing is set", () => {
    expect(withSettings(unit, {}, "u.docx")).toEqual(unit);
  });

  it("sets the version and a mastery score, in the order the build's validator gives every unit", () => {
    const set = withSettings(unit, { version: " 1.1.0 ", masteryScore: "80" }, "u.docx");
    expect(set.version).toBe("1.1.0");
    expect(set.masteryScore).toBe(80);
    expect(Object.keys(set)).toEqual(Object.keys(withSettings({ ...unit, masteryScore: 80 }, {}, "u.docx")));
  });

  it("an empty mastery score removes one the unit had", () => {
    expect(withSettings({ ...unit, masteryScore: 80 }, { masteryScore: "" }, "u.docx").masteryScore).toBeUndefined();
  });

  it.each([
    [{ masteryScore: "80.5" }, "masteryScore", "u.docx: masteryScore: 80.5 is not a whole number from 0 to 100 (the pass mark in percent)"],
    [{ masteryScore: "lots" }, "masteryScore", 'u.docx: masteryScore: "lots" is not a number; write the pass mark in percent (e.g. 80), or leave it empty for none'],
    [{ version: "new" }, "version", 'u.docx: version: "new" is not a version; write numbers like "1.0" or "1.0.0"'],
  ] as const)("%o: one line, for the field %s", (settings, field, message) => {
    expect(problem(() => withSettings(unit, settings, "u.docx"))).toEqual({ field, message });
  });
});

describe("checkId", () => {
  it("takes an id the validator accepts, and none", () => {
    expect(() => checkId("u.docx", "mentoring-2")).not.toThrow();
    expect(() => checkId("u.docx", undefined)).not.toThrow();
  });

  it("refuses one it does not, next to the id field", () => {
    expect(problem(() => checkId("u.docx", "Mentoring 2"))).toEqual({
      field: "id",
      message: 'u.docx: id: "Mentoring 2" is not a valid unit id; use lowercase letters, digits and "-", starting with a letter, at most 64 characters (it names files and LMS identifiers)',
    });
  });
});

describe("fieldOf", () => {
  it("puts the importer's --id and --lang problems next to those fields, anything else next to the document", () => {
    expect(fieldOf(new ContentError("u.docx", "--id", "x"))).toBe("id");
    expect(fieldOf(new ContentError("u.docx", "--lang", "x"))).toBe("lang");
    expect(fieldOf(new ContentError("u.docx", "", "x"))).toBe("document");
    expect(fieldOf(new ContentError("u.json", "cards[3].accept[0]", "x"))).toBe("document");
  });
});
