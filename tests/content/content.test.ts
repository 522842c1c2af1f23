// @vitest-environment node
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { listContentFiles, loadUnitFile } from "../../src/content/load";
import { ContentError, parseUnitJson } from "../../src/content/schema";
import type { Unit } from "../../src/content/types";

const FILE = "content/peer-mentoring.da.json";
const SOURCE = readFileSync(FILE, "utf8");

/** Every text a learner sees. */
function allTexts(u: Unit): string[] {
  const texts = [u.title, u.topic ?? "", u.reading.heading, u.exercise.heading, u.exercise.instructions];
  for (const b of u.reading.blocks) {
    if (b.type !== "list") texts.push(b.text);
    else for (const it of b.items) texts.push(...(typeof it === "string" ? [it] : [it.text, ...it.items]));
  }
  return [...texts, ...u.zones.map((z) => z.label), ...u.cards.map((c) => c.text)];
}

function listPhrases(u: Unit): string[] {
  return u.reading.blocks.flatMap((b) => (b.type === "list" ? b.items.flatMap((it) => (typeof it === "string" ? [it] : it.items)) : []));
}

describe("the real content", () => {
  const unit = loadUnitFile(FILE);

  it("validates with its zones and cards", () => {
    expect(unit.id).toBe("peer-mentoring");
    expect(unit.lang).toBe("da");
    expect(unit.cards).toHaveLength(15);
    expect(unit.zones).toEqual([
      { id: "mentor", label: "Mentor" },
      { id: "mentee", label: "Mentee" },
      { id: "both", label: "Begge" },
    ]);
    expect(unit.cards.find((c) => c.text === "Forbedrede sociale færdigheder")?.accept).toEqual(["both", "mentee"]);
  });

  it("has clean texts", () => {
    expect(SOURCE).not.toContain("\u00a0");
    for (const t of allTexts(unit)) {
      expect(t).not.toContain("\u00a0");
      expect(t.endsWith(";"), t).toBe(false);
    }
  });

  it("has cards that start uppercase and come from the reading lists", () => {
    const phrases = listPhrases(unit);
    for (const c of unit.cards) {
      expect(c.text, c.id).toMatch(/^\p{Lu}/u);
      expect(phrases, c.text).toContain(c.text);
    }
  });

  it("normalises texts", () => {
    const raw = JSON.parse(SOURCE);
    raw.title = "  Peer\u00a0 \u00a0Mentoring ";
    expect(parseUnitJson(JSON.stringify(raw), FILE).title).toBe("Peer Mentoring");
  });

  it("drops soft hyphens and zero-width spaces: every text in a content file is plain", () => {
    const raw = JSON.parse(SOURCE);
    raw.cards[7].text = "Konflikt\u00adhåndterings\u00adfærdigheder";
    raw.zones[0].label = "Men\u200btor";
    raw.reading.blocks[0].text = `\u200b${raw.reading.blocks[0].text}\u00ad`;
    const unit = parseUnitJson(JSON.stringify(raw), FILE);
    expect(unit.cards[7]!.text).toBe("Konflikthåndteringsfærdigheder");
    expect(unit.zones[0]!.label).toBe("Mentor");
    expect(unit).toEqual(loadUnitFile(FILE));
  });

  it.each(["content/peer-mentoring.da.json", "content/peer-mentoring.en.json"])("%s has no soft hyphen or zero-width space, so it is the same unit as before", (file) => {
    expect(readFileSync(file, "utf8")).not.toMatch(/[\u00ad\u200b]|\\u00ad|\\u200b/i);
  });
});

/** The real content, changed by `fn`, as the text of a file. */
function mutate(fn: (u: any) => void): string {
  const copy = JSON.parse(SOURCE);
  fn(copy);
  return JSON.stringify(copy, null, 2);
}

const at = (problem: string) => `${FILE}: ${problem}`;

describe("bad content", () => {
  it.each<[string, string, string]>([
    [
      "invalid JSON (missing comma)",
      SOURCE.replace('"lang": "da",', '"lang": "da"'),
      at("invalid JSON at line 6, column 3: expected ',' or '}' after property value"),
    ],
    [
      "invalid JSON (trailing comma; V8 gives no position)",
      SOURCE.replace('["both", "mentee"]', '["both", "mentee",]'),
      at("invalid JSON at line 65, column 107: unexpected token ']'"),
    ],
    ["invalid JSON (cut short)", '{\n  "id":\n', at("invalid JSON at line 3, column 1: unexpected end of JSON input")],
    ["empty file", "", at("the file is empty; expected a JSON object with the unit")],
    ["whitespace only", " \n\t\n", at("the file is empty; expected a JSON object with the unit")],
    ["not an object", "[]", at("expected an object (the unit), got list")],
    ["missing title", mutate((u) => delete u.title), at("title: missing (the unit's title, shown to learners and in the LMS)")],
    ["title a number", mutate((u) => (u.title = 42)), at("title: expected a text, got number")],
    [
      "title too long",
      mutate((u) => (u.title = "x".repeat(201))),
      at("title: is 201 characters long; SCORM allows at most 200 characters in a title"),
    ],
    [
      "unknown top-level key",
      mutate((u) => (u.titel = "Peer Mentoring")),
      at("titel: unknown field; expected one of $schema, id, version, lang, title, topic, reading, bibliography, exercise, zones, cards, masteryScore"),
    ],
    [
      "bad unit id",
      mutate((u) => (u.id = "Peer Mentoring")),
      at(
        'id: "Peer Mentoring" is not a valid unit id; use lowercase letters, digits and "-", starting with a letter, at most 64 characters (it names files and LMS identifiers)',
      ),
    ],
    ["bad version", mutate((u) => (u.version = "v1")), at('version: "v1" is not a version; write numbers like "1.0" or "1.0.0"')],
    ["unknown lang", mutate((u) => (u.lang = "de")), at('lang: "de" is not a supported language (da, en)')],
    ["unknown zone", mutate((u) => (u.cards[3].accept[0] = "mentr")), at('cards[3].accept[0]: "mentr" is not a zone (mentor, mentee, both)')],
    [
      "empty accept",
      mutate((u) => (u.cards[3].accept = [])),
      at("cards[3].accept: no zone accepts this card; list at least one zone id (mentor, mentee, both)"),
    ],
    ["zone accepted twice", mutate((u) => (u.cards[1].accept = ["both", "both"])), at('cards[1].accept[1]: "both" is listed twice')],
    ["duplicate card id", mutate((u) => (u.cards[4].id = "empati")), at('cards[9].id: "empati" is already used by cards[4]')],
    [
      "duplicate card text (case-insensitive)",
      mutate((u) => (u.cards[4].text = "EMPATI")),
      at('cards[9].text: "Empati" is already the text of cards[4]'),
    ],
    ["duplicate zone id", mutate((u) => (u.zones[2].id = "mentor")), at('zones[2].id: "mentor" is already used by zones[0]')],
    ["one zone only", mutate((u) => (u.zones = [u.zones[0]])), at("zones: has 1 zone; expected 2 to 10 zones")],
    ["empty card text", mutate((u) => (u.cards[2].text = "   ")), at("cards[2].text: is empty (the text shown on the card)")],
    ["card text only nbsp", mutate((u) => (u.cards[2].text = "\u00a0 \u00a0")), at("cards[2].text: is empty (the text shown on the card)")],
    [
      "card id invalid for SCORM",
      mutate((u) => (u.cards[9].id = "empati!")),
      at(
        'cards[9].id: "empati!" is not a valid card id; use lowercase letters, digits and "-", starting with a letter, at most 64 characters (it becomes the LMS interaction id card_<id>)',
      ),
    ],
    [
      "card text too long",
      mutate((u) => (u.cards[0].text = "y".repeat(121))),
      at("cards[0].text: is 121 characters long; at most 120 characters fit on a card"),
    ],
    [
      "masteryScore 101",
      mutate((u) => (u.masteryScore = 101)),
      at("masteryScore: 101 is not a whole number from 0 to 100 (the pass mark in percent)"),
    ],
    [
      "masteryScore 50.5",
      mutate((u) => (u.masteryScore = 50.5)),
      at("masteryScore: 50.5 is not a whole number from 0 to 100 (the pass mark in percent)"),
    ],
    [
      "list block with empty items",
      mutate((u) => (u.reading.blocks[4].items = [])),
      at("reading.blocks[4].items: is empty; expected at least one item"),
    ],
    [
      "nested list with empty items",
      mutate((u) => (u.reading.blocks[4].items[1].items = [])),
      at("reading.blocks[4].items[1].items: is empty; expected at least one item"),
    ],
    [
      "block with unknown type",
      mutate((u) => (u.reading.blocks[2].type = "image")),
      at('reading.blocks[2].type: "image" is not a block type (paragraph, heading, list)'),
    ],
    [
      "unknown field on a card",
      mutate((u) => (u.cards[0].note = "x")),
      at("cards[0].note: unknown field; expected one of id, text, accept"),
    ],
  ])("%s", (_name, text, expected) => {
    let error: unknown;
    try {
      parseUnitJson(text, FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const message = (error as ContentError).message;
    expect(message).toBe(expected);
    expect(message).not.toContain("\n");
  });

  it("reads the position from the newer V8 and Firefox messages too", () => {
    const spy = vi.spyOn(JSON, "parse");
    try {
      spy.mockImplementationOnce(() => {
        throw new SyntaxError("Expected ',' or '}' after property value in JSON at position 40 (line 3 column 5)");
      });
      expect(() => parseUnitJson("{}", FILE)).toThrow(at("invalid JSON at line 3, column 5: expected ',' or '}' after property value"));
      spy.mockImplementationOnce(() => {
        throw new SyntaxError("JSON.parse: expected ',' or '}' after property value in object at line 2 column 7 of the JSON data");
      });
      expect(() => parseUnitJson("{}", FILE)).toThrow(
        at("invalid JSON at line 2, column 7: expected ',' or '}' after property value in object"),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it("carries file and field path on the error", () => {
    const error = (() => {
      try {
        parseUnitJson(mutate((u) => (u.cards[3].accept[0] = "mentr")), FILE);
      } catch (e) {
        return e as ContentError;
      }
    })();
    expect(error?.file).toBe(FILE);
    expect(error?.path).toBe("cards[3].accept[0]");
  });
});

describe("content files", () => {
  const dir = mkdtempSync(join(tmpdir(), "content-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists unit files sorted, without schemas", () => {
    for (const name of ["b.en.json", "a.da.json", "unit.schema.json", "notes.txt"]) writeFileSync(join(dir, name), "{}");
    mkdirSync(join(dir, "old.json"));
    expect(listContentFiles(dir)).toEqual([join(dir, "a.da.json"), join(dir, "b.en.json")]);
    expect(listContentFiles()).toContain(FILE);
  });

  it("strips a BOM", () => {
    const file = join(dir, "peer-mentoring.da.json");
    writeFileSync(file, `\uFEFF${SOURCE}`);
    expect(loadUnitFile(file).id).toBe("peer-mentoring");
  });

  it("names a missing file", () => {
    expect(() => loadUnitFile("content/nope.da.json")).toThrow(new ContentError("content/nope.da.json", "", "file not found"));
    expect(() => loadUnitFile("content/nope.da.json")).toThrow("content/nope.da.json: file not found");
  });

  it.each([
    ["x.da.json", 'id: "peer-mentoring" does not match the file name (expected "x")'],
    ["peer-mentoring.en.json", 'lang: "da" does not match the file name (expected "en")'],
    ["peer-mentoring.json", 'lang: "da" is not in the file name; name the file "peer-mentoring.da.json"'],
  ])("checks the file name %s against the unit", (name, problem) => {
    const file = join(dir, name);
    writeFileSync(file, SOURCE);
    expect(() => loadUnitFile(file)).toThrow(`${file}: ${problem}`);
  });
});
