/**
 * What the importer says where the author reads it: the command line names its options (--lang,
 * --id), the studio the boxes beside the line, and files the problem under the setting it concerns.
 */
import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/schema";
import { readText } from "../../src/import/readText";
import { toUnit, type ImportPlace } from "../../src/import/toUnit";

const doc = (lines: string[]) => readText(lines.join("\n"));
const TWO_LANGUAGES = doc(["Emne", "T", "Learning part", "• For A:", "  • a", "Beskrivelse af øvelsen", "Sort: A – B"]);
const NO_ID_TITLE = doc(["Ωμέγα", "Læringsdel", "• For A:", "  • a", "Beskrivelse af øvelsen", "Sort: A – B"]);
const DANISH = doc(["Mentorer", "Læringsdel", "• For A:", "  • a", "• For B:", "  • b", "Beskrivelse af øvelsen", "Sort: A – B"]);

function refusal(blocks: ReturnType<typeof doc>, place: ImportPlace): ContentError {
  try {
    toUnit(blocks, { file: "unit.txt", place });
  } catch (e) {
    if (e instanceof ContentError) return e;
    throw e;
  }
  throw new Error("imported");
}

describe("the importer's words, by where they are read", () => {
  it("a language the headings do not tell: --lang on the command line, the Language box in the studio", () => {
    expect(refusal(TWO_LANGUAGES, "command line").message).toBe("unit.txt: cannot tell the language from the headings (da and en); give --lang da or --lang en");
    const studio = refusal(TWO_LANGUAGES, "studio");
    expect(studio.message).toBe("unit.txt: lang: cannot tell the language from the headings (da and en); choose it under Language");
    expect(studio.path).toBe("lang");
  });

  it("a title that gives no id: --id on the command line, the Unit id box in the studio", () => {
    expect(refusal(NO_ID_TITLE, "command line").message).toBe('unit.txt: cannot make a unit id from the title "Ωμέγα"; give --id <unit-id> (lowercase letters, digits and "-")');
    const studio = refusal(NO_ID_TITLE, "studio");
    expect(studio.message).toBe('unit.txt: id: cannot make a unit id from the title "Ωμέγα"; type one in the Unit id box (lowercase letters, digits and "-")');
    expect(studio.path).toBe("id");
  });

  it("a language set against the headings: the warning says how it was set", () => {
    expect(toUnit(DANISH, { file: "unit.txt", lang: "en" }).report.warnings).toEqual([
      'the headings are in "da", but --lang en was given: the buttons and messages will be in "en"',
    ]);
    expect(toUnit(DANISH, { file: "unit.txt", lang: "en", place: "studio" }).report.warnings).toEqual([
      'the headings are in "da", but the language is set to "en": the buttons and messages will be in "en"',
    ]);
  });
});
