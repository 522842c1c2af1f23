/**
 * `npm run import`: a teacher's document (.txt, .md, .docx) → a content file the build accepts.
 * The seed document must give the hand-made unit; a different unit in the same shape must import too;
 * unreadable documents and documents that do not say enough stop with one line and write nothing.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { loadUnitFile } from "../../src/content/load";
import { ContentError, parseUnit } from "../../src/content/schema";
import type { Lang, Unit } from "../../src/content/types";
import type { DocBlock } from "../../src/import/document";
import { readText } from "../../src/import/readText";
import { importDocument, parseArgs, schemaRef } from "../../src/import/run";
import { templateFiles, TEMPLATES } from "../../src/import/templates";
import { toUnit } from "../../src/import/toUnit";
import { docxFromBlocks, markdownFromBlocks, textFromBlocks } from "../../src/import/writeDocument";
import { cardKey, keyCollisions } from "../../src/state/resume";
import { SECOND_TXT, SEED_TXT, seedDocx, unitAsDocument } from "../support/documents";
import { projectCopy, removeCopy, runTs } from "../support/project";

const REAL = loadUnitFile("content/peer-mentoring.da.json");
const SEED_MD = "tests/fixtures/peer-mentoring.da.md";

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeCopy));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "import-"));
  dirs.push(dir);
  return dir;
};
/** Writes `data` as `name` into a fresh folder and returns its path. */
const docFile = (name: string, data: string | Uint8Array) => {
  const path = join(tempDir(), name);
  writeFileSync(path, data);
  return path;
};

/**
 * The unit but its "$schema", which is a path from the folder written to (none outside the project,
 * like the temporary folders here; see schemaRef).
 */
const withoutSchema = (u: Unit) => ({ ...u, $schema: undefined });
/** What learners see and the LMS receives, without the card ids (those come from --force). */
const withoutCardIds = (u: Unit) => ({ ...withoutSchema(u), cards: u.cards.map(({ id: _id, ...card }) => card) });

const SEEDS: [string, () => Promise<string>][] = [
  ["plain text (the seed itself)", async () => SEED_TXT],
  ["Markdown", async () => SEED_MD],
  ["Word (.docx, made with the docx library: Title and Heading styles, two-level Word bullet numbering)", async () =>
    docFile("peer-mentoring.docx", await seedDocx())],
];

describe("importing the seed document", () => {
  it.each(SEEDS)("%s gives the hand-made unit: every text, the 15 cards, the zones and the accepted zones", async (_, make) => {
    const out = tempDir();
    const { unit, path } = await importDocument({ file: await make(), force: false, out });
    expect(path).toBe(join(out, "peer-mentoring.da.json"));
    expect(withoutCardIds(unit)).toEqual(withoutCardIds(REAL));
    expect(unit.cards).toHaveLength(15);
    expect(unit.cards.find((c) => c.text === "Forbedrede sociale færdigheder")!.accept).toEqual(["both", "mentee"]);
    // What was written is what the build loads.
    expect(loadUnitFile(path)).toEqual(unit);
  });

  it.each(SEEDS)("%s with --force over the hand-made file keeps its card ids: the file is the same unit", async (_, make) => {
    const out = tempDir();
    copyFileSync("content/peer-mentoring.da.json", join(out, "peer-mentoring.da.json"));
    const { unit, lines } = await importDocument({ file: await make(), force: true, out });
    expect(loadUnitFile(join(out, "peer-mentoring.da.json"))).toEqual(withoutSchema(REAL));
    expect(unit).toEqual(withoutSchema(REAL));
    expect(lines).toContain("  - card ids: 15 kept from the file replaced, 0 new (LMS reports and saved progress are keyed by them)");
  });

  it("without --force makes ids from the card texts by the validator's id rule", async () => {
    const { unit } = await importDocument({ file: SEED_TXT, force: false, out: tempDir() });
    expect(unit.cards.map((c) => c.id)).toEqual([
      "stoerre-selveffektivitet",
      "forbedrede-sociale-faerdigheder",
      "stoerre-foelelse-af-forbindelse-til-peeren",
      "beslutningstagningsevner",
      "stoerre-selvtillid",
      "at-modtage-nye-perspektiver",
      "bedre-begrundelsesevne",
      "konflikthaandteringsfaerdigheder",
      "selvtillid",
      "empati",
      "taalmodighed",
      "organisatoriske-faerdigheder",
      "udvidede-personlige-netvaerk",
      "personlig-vaekst",
      "bedre-kommunikationsevner",
    ]);
  });

  it("soft hyphens (Word's optional hyphen, via mammoth) and zero-width spaces are dropped: the texts and card ids are the plain ones", async () => {
    const seed = readFileSync(SEED_TXT, "utf8")
      .replace("Konflikthåndteringsfærdigheder", "Konflikt\u00adhåndterings\u00adfærdigheder")
      .replace("Mentoring er et", "Mentor\u00ading\u200b er et");
    expect(seed).toContain("\u00ad");
    const { unit, path } = await importDocument({ file: docFile("seed.txt", seed), force: false, out: tempDir() });
    expect(withoutCardIds(unit)).toEqual(withoutCardIds(REAL));
    expect(unit.cards.find((c) => c.text === "Konflikthåndteringsfærdigheder")!.id).toBe("konflikthaandteringsfaerdigheder");
    expect(readFileSync(path, "utf8")).not.toMatch(/[\u00ad\u200b]/);
  });

  it("prints what it found, where each card came from, and what the author must still check", async () => {
    const out = tempDir();
    const { lines } = await importDocument({ file: SEED_TXT, force: false, out });
    const text = lines.join("\n");
    expect(lines[0]).toBe(`${SEED_TXT} → ${join(out, "peer-mentoring.da.json")}`);
    expect(text).toContain('title      "Peer Mentoring", topic "Emne"');
    expect(text).toContain("unit id    peer-mentoring (from the title), language da (from the headings)");
    expect(text).toContain('reading    "Læringsdel": 6 blocks (5 paragraphs, 1 list)');
    expect(text).toContain('zones      Mentor (mentor), Mentee (mentee), Begge (both), from "…: Mentor – mentee – begge" in the exercise description\n');
    expect(text).toContain("cards      15:");
    expect(text).toMatch(/ {2}Forbedrede sociale færdigheder +→ Begge \+ Mentee +from "Fordelene for mentee’en er:" and "Der er også nogle fordele der kommer begge til gode, såsom:" {2}\(id forbedrede-sociale-faerdigheder\)/);
    expect(text).toMatch(/ {2}Empati +→ Mentor +from "Fordelene for mentoren er:"/);
    expect(text).toContain('  - warning: the bibliography "Bibliografi" is empty, so it is left out');
    expect(text).toContain('"show solution" puts it in Begge');
    expect(text).toContain('"beslutningstagningsevner" → "Beslutningstagningsevner"');
    expect(text).toContain("no mastery score");
    expect(text).toContain("version 1.0.0");
  });
});

describe("the preview command the report prints names the edition as the build does", () => {
  const EN = loadUnitFile("content/peer-mentoring.en.json");
  it.each<[string, Lang, Lang[], string]>([
    ["Danish, alone", "da", [], "peer-mentoring"],
    ["English, alone (the unit's first language)", "en", [], "peer-mentoring"],
    ["English, beside the Danish file", "en", ["da"], "peer-mentoring.en"],
    ["Danish, beside the English file", "da", ["en"], "peer-mentoring"],
  ])("%s", async (_, lang, beside, edition) => {
    const out = tempDir();
    for (const l of beside) copyFileSync(`content/peer-mentoring.${l}.json`, join(out, `peer-mentoring.${l}.json`));
    const file = lang === "da" ? SEED_TXT : docFile("unit.txt", textFromBlocks(unitAsDocument(EN)));
    const { lines } = await importDocument({ file, force: false, out });
    expect(lines).toContain(`  - look at it: npm run preview -- ${edition}`);
  });
});

describe("every content file, written back as a document and imported with --force, is the same unit", () => {
  const files = readdirSync("content").filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"));
  const formats: [string, (u: Unit) => Promise<string | Uint8Array>][] = [
    ["docx", (u) => docxFromBlocks(unitAsDocument(u), { title: u.title, lang: u.lang })],
    ["md", async (u) => markdownFromBlocks(unitAsDocument(u))],
    ["txt", async (u) => textFromBlocks(unitAsDocument(u))],
  ];
  it.each(files.flatMap((f) => formats.map(([ext, write]) => [f, ext, write] as const)))("%s as .%s", async (name, ext, write) => {
    const real = loadUnitFile(join("content", name));
    const out = tempDir();
    copyFileSync(join("content", name), join(out, name));
    const file = docFile(`unit.${ext}`, await write(real));
    const { unit } = await importDocument({ file, force: true, out });
    expect(unit).toEqual(withoutSchema(real));
  });
});

/** A different unit in the same shape: English, two zones, tabs and "-"/"*" bullets, a paragraph lead-in, sources. */
const SECOND = readFileSync(SECOND_TXT, "utf8");

describe("a second, different unit written in the same shape", () => {
  it("imports and validates: two zones, cards from three lists, a list that is reading only, a bibliography", async () => {
    const out = tempDir();
    const { unit, lines } = await importDocument({ file: docFile("conversations.txt", SECOND), force: false, out });
    expect(unit).toEqual(
      parseUnit(
        {
          id: "good-conversations",
          version: "1.0.0",
          lang: "en",
          title: "Good conversations",
          topic: "TOPIC",
          reading: {
            heading: "learning part",
            blocks: [
              { type: "paragraph", text: "A good conversation needs someone who listens and someone who speaks." },
              { type: "paragraph", text: "Three tips for any conversation:" },
              { type: "list", items: ["Put the phone away", "Take turns"] },
              {
                type: "list",
                items: [
                  { text: "The listener's part:", items: ["Asks follow-up questions", "Keeps eye contact"] },
                  { text: "What speakers do:", items: ["Gets to the point", "Checks they were understood"] },
                ],
              },
              { type: "paragraph", text: "Listeners also:" },
              { type: "list", items: ["Summarises what was said"] },
            ],
          },
          bibliography: { heading: "References", entries: ["Rogers, C. R. & Farson, R. E. (1957). Active listening.", "Another source (2020)."] },
          exercise: { heading: "Exercise description", instructions: "Drag each card to who does it: Listener and speaker." },
          zones: [
            { id: "listener", label: "Listener" },
            { id: "speaker", label: "Speaker" },
          ],
          cards: [
            { id: "asks-follow-up-questions", text: "Asks follow-up questions", accept: ["listener"] },
            { id: "keeps-eye-contact", text: "Keeps eye contact", accept: ["listener"] },
            { id: "gets-to-the-point", text: "Gets to the point", accept: ["speaker"] },
            { id: "checks-they-were-understood", text: "Checks they were understood", accept: ["speaker"] },
            { id: "summarises-what-was-said", text: "Summarises what was said", accept: ["listener"] },
          ],
        },
        "expected",
      ),
    );
    expect(lines).toContain('  - the list under "Three tips for any conversation:" names no zone, so it is reading text only, not cards');
  });
});

describe("section headings", () => {
  /** The smallest document in the seed's shape, with the headings given. */
  const doc = (h: { reading: string; exercise: string; topic?: string }, lang?: Lang) =>
    toUnit(
      readText([h.topic ?? "", "T", h.reading, "Text.", "• For A:", "  • a1", "• For B:", "  • b1", h.exercise, "Sort: A – B"].join("\n")),
      { file: "doc.txt", lang },
    ).unit;

  it.each([
    ["Læringsdel", "Beskrivelse af øvelsen", "da"],
    ["  LÆRINGSDEL :", "beskrivelse   af øvelsen:", "da"],
    ["Learning part", "Exercise description", "en"],
    ["learning  part:", "EXERCISE DESCRIPTION :", "en"],
  ])("%j and %j are recognised, language %s", (reading, exercise, lang) => {
    const unit = doc({ reading, exercise });
    expect(unit.lang).toBe(lang);
    expect(unit.reading.blocks[0]).toEqual({ type: "paragraph", text: "Text." });
    expect(unit.exercise.instructions).toBe("Sort: A – B");
    expect(unit.reading.heading).toBe(reading.trim().replace(/\s*:$/, "").replace(/\s+/g, " "));
  });

  it.each([
    ["Emne", { topic: "Emne", title: "T" }],
    ["Topic:", { topic: "Topic", title: "T" }],
  ])("the topic line %j is the label above the title", (topic, expected) => {
    const unit = doc({ topic, reading: "Læringsdel", exercise: "Beskrivelse af øvelsen" }, "da");
    expect({ topic: unit.topic, title: unit.title }).toEqual(expected);
  });
});

describe("zones from the exercise description", () => {
  /** A document with one card list for each of `labels`, and the instructions given. */
  const zonesOf = (instructions: string, labels: string[], more: string[] = []) =>
    toUnit(readText(["T", "Learning part", ...labels.flatMap((l, i) => [`• For ${l}:`, `  • x${i}`]), "Exercise description", instructions, ...more].join("\n")), { file: "doc.txt" }).unit.zones;

  it.each([
    ["Drag the words to who gains: Mentor – mentee – both", ["mentor:Mentor", "mentee:Mentee", "both:Both"]],
    ["Træk ordene: Mentor — mentee — begge", ["mentor:Mentor", "mentee:Mentee", "both:Begge"]],
    ["Sort them: A, b og C.", ["a:A", "b:B", "c:C"]],
    ["Sort them: Lærer - elev - begge", ["laerer:Lærer", "elev:Elev", "both:Begge"]],
    ["Sort them: Listener and speaker", ["listener:Listener", "speaker:Speaker"]],
    ["Sort them: Lærer – elev og forælder – begge", ["laerer:Lærer", "elev-og-foraelder:Elev og forælder", "both:Begge"]],
    ["Sort them: Teacher, student or parent", ["teacher:Teacher", "student:Student", "parent:Parent"]],
  ])("%j", (instructions, expected) => {
    expect(zonesOf(instructions, expected.map((e) => e.split(":")[1]!)).map((z) => `${z.id}:${z.label}`)).toEqual(expected);
  });

  it.each<[string, string, string[], string[]]>([
    ["a step list before the sentence that names the zones", "Do this:", ["• Read the text", "• Drag each card", "Then sort the cards: Mentor – mentee – begge"], ["Mentor", "Mentee", "Begge"]],
    ["a trailing tip with a colon and commas", "Sort the cards: Mentor – mentee – begge", ["Tip: read it again, then check"], ["Mentor", "Mentee", "Begge"]],
    ["a tip in the same paragraph, after the sentence", "Sort the cards: Listener and speaker. Tip: go slowly, then check.", [], ["Listener", "Speaker"]],
    ["a trailing tip after names without dashes", "Sort them: Listener and speaker", ["Tip: read it, then check"], ["Listener", "Speaker"]],
  ])("the sentence with the zone names wins over %s", (_, instructions, more, labels) => {
    expect(zonesOf(instructions, labels, more).map((z) => z.label)).toEqual(labels);
  });
});

describe("a document that does not say enough, or cannot be read: one line naming the file, nothing written", () => {
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
  const shape = (lines: string[]) => lines.join("\n");
  const cases: [string, () => Promise<string> | string, string, Partial<{ lang: Lang; id: string }>?][] = [
    ["a .docx that is text inside", () => docFile("unit.docx", "Emne\nPeer Mentoring"), "not a Word document (.docx) inside; open it in Word or LibreOffice and save it as .docx"],
    [
      "a .docx that is a zip but no Word document",
      async () => {
        const zip = new JSZip();
        zip.file("hello.txt", "hello");
        return docFile("unit.docx", await zip.generateAsync({ type: "uint8array" }));
      },
      "not a Word document (.docx) inside; open it in Word or LibreOffice and save it as .docx",
    ],
    ["a password-protected Word file (a CFB container)", () => docFile("unit.docx", ole), "a password-protected or old Word 97–2003 (.doc) file; remove the password and save it as a Word document (.docx)"],
    ["an old .doc file", () => docFile("unit.doc", ole), "a password-protected or old Word 97–2003 (.doc) file; remove the password and save it as a Word document (.docx)"],
    ["an empty file", () => docFile("unit.txt", ""), "the file is empty"],
    ["an empty .docx", () => docFile("unit.docx", ""), "the file is empty"],
    ["a text file of blank lines", () => docFile("unit.md", "\n  \n\t\n"), "the file is empty (no text in it)"],
    ["Windows-1252 text", () => docFile("unit.txt", new Uint8Array([0x4c, 0xe6, 0x72, 0x69, 0x6e, 0x67, 0x73, 0x64, 0x65, 0x6c])), "the text is not UTF-8 (an older encoding such as Windows-1252?); save it as UTF-8"],
    ["UTF-16 without a byte-order mark", () => docFile("unit.txt", Buffer.from("Emne\n", "utf16le")), "the text is in an unknown encoding (it holds zero bytes); save it as UTF-8"],
    ["a PDF", () => docFile("unit.pdf", "%PDF-1.7"), 'cannot import ".pdf" files; write the unit as .docx, .md, .txt'],
    ["a missing file", () => join(tempDir(), "nowhere.txt"), "file not found"],
    ["a folder", () => tempDir(), "is a folder, expected a file"],
    [
      "headings in two languages",
      () => docFile("unit.txt", shape(["Emne", "T", "Learning part", "• For A:", "  • a", "Beskrivelse af øvelsen", "Sort: A – B"])),
      "cannot tell the language from the headings (da and en); give --lang da or --lang en",
    ],
    ["a title without letters a–z", () => docFile("unit.txt", shape(["Ωμέγα", "Læringsdel", "• For A:", "  • a", "Beskrivelse af øvelsen", "Sort: A – B"])), 'cannot make a unit id from the title "Ωμέγα"; give --id <unit-id> (lowercase letters, digits and "-")'],
    ["no learning part heading", () => docFile("unit.txt", shape(["T", "Beskrivelse af øvelsen", "Sort: A – B"])), 'no "Læringsdel" / "Learning part" heading; the reading part must start with one'],
    ["no exercise heading", () => docFile("unit.txt", shape(["T", "Læringsdel", "Text"])), 'no "Beskrivelse af øvelsen" / "Exercise description" heading; the exercise description must start with one'],
    ["two title lines", () => docFile("unit.txt", shape(["T", "Subtitle", "Læringsdel", "x", "Beskrivelse af øvelsen", "Sort: A – B"])), 'expected one title line before the "Læringsdel" / "Learning part" heading, found 2: "T", "Subtitle"'],
    ["zones not named", () => docFile("unit.txt", shape(["T", "Læringsdel", "• For A:", "  • a", "Beskrivelse af øvelsen", "Sort the cards."])), 'the exercise description does not name the zones; end it with their names, e.g. "…: Mentor – mentee – begge" or "…: Mentor, mentee and both"'],
    [
      "a list whose lead-in names no zone, beside lists that do",
      () => docFile("unit.txt", shape(["T", "Læringsdel", "• For A:", "  • a1", "• Andre fordele:", "  • x1", "  • x2", "Beskrivelse af øvelsen", "Sort: A – B"])),
      'the document does not say which one zone these cards belong to: "X1" (in "Andre fordele:"); "X2" (in "Andre fordele:"). Start each list with a line that names one zone (A, B, from "…: A – B" in the exercise description)',
    ],
    [
      "a lead-in that names two zones",
      () => docFile("unit.txt", shape(["T", "Læringsdel", "• For A og B:", "  • ab", "Beskrivelse af øvelsen", "Sort: A – B"])),
      'the document does not say which one zone these cards belong to: "Ab" (in "For A og B:", which names A and B). Start each list with a line that names one zone (A, B, from "…: A – B" in the exercise description)',
    ],
    ["no list names a zone", () => docFile("unit.txt", shape(["T", "Læringsdel", "• x", "Beskrivelse af øvelsen", "Sort: A – B"])), 'no cards: no list in the reading part starts with a line that names a zone (A, B, from "…: A – B" in the exercise description), e.g. "The benefits for the mentee are:"'],
    [
      "a list nested three levels deep",
      () => docFile("unit.txt", shape(["T", "Læringsdel", "• For A:", "  • a", "    • deeper", "Beskrivelse af øvelsen", "Sort: A – B"])),
      'the list under "a" is nested three levels deep; a unit shows lists of at most two levels',
    ],
    [
      "a card text too long for a card (the validator's own rule)",
      () => docFile("unit.txt", shape(["T", "Læringsdel", "• For A:", `  • ${"x".repeat(121)}`, "• For B:", "  • b", "Beskrivelse af øvelsen", "Sort: A – B"])),
      "cards[0].text: is 121 characters long; at most 120 characters fit on a card",
    ],
    [
      "a zone no card belongs to (a second list has its own paragraph lead-in, which names no zone)",
      () => docFile("unit.txt", shape(["T", "Læringsdel", "For A:", "• a1", "Andre fordele:", "• x1", "Tips:", "• t1", "Beskrivelse af øvelsen", "Sort: A – B"])),
      'no card for the zone "B" (zones A, B, from "…: A – B" in the exercise description); the lists under "Andre fordele:", "Tips:" name no zone. Start a list of its cards with a line that names it, e.g. "For B:"',
    ],
    [
      "zones no card belongs to, from a list in the exercise description",
      () => docFile("unit.txt", shape(["T", "Læringsdel", "For A:", "• a1", "Beskrivelse af øvelsen", "Sort the cards into:", "• A", "• B", "• C"])),
      `no card for the zones "B", "C" (zones A, B, C, from the list in the exercise description); no list names them. Start a list of each one's cards with a line that names it, e.g. "For B:"`,
    ],
    [
      "zone ids that collide in the saved-state encoding (the build would refuse every unit)",
      () => docFile("unit.txt", shape(["T", "Learning part", "• For D:", "  • d1", "• For Fx:", "  • f1", "Exercise description", "Sort: D – Fx"])),
      "ids collide in the saved-state encoding (zones: d / zones: fx), so the build would refuse it; rename one zone of each pair in the document",
    ],
    ["an --id the validator refuses, named as the option", () => docFile("unit.txt", SECOND), '--id: "Bad_Id" is not a valid unit id; use lowercase letters, digits and "-", starting with a letter, at most 64 characters (it names files and LMS identifiers)', { id: "Bad_Id" }],
  ];

  it.each(cases)("%s", async (_, make, reason, options = {}) => {
    const file = await make();
    const out = tempDir();
    const error = await importDocument({ file, force: false, out, ...options }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toBe(`${file}: ${reason}`);
    expect(readdirSync(out)).toEqual([]);
  });

  it("card ids kept with --force that collide in the saved-state encoding: one line, the file is not replaced", async () => {
    const out = tempDir();
    const file = docFile("skills.txt", ["T", "Learning part", "• For A:", "  • Skill 39", "• For B:", "  • Skill 642", "Exercise description", "Sort: A – B"].join("\n"));
    const old = { ...(await importDocument({ file, force: false, out })).unit };
    const path = join(out, "t.en.json");
    const colliding = JSON.stringify({ ...old, cards: old.cards.map((c) => ({ ...c, id: c.text.toLowerCase().replace(" ", "-") })) });
    writeFileSync(path, colliding);
    await expect(importDocument({ file, force: true, out })).rejects.toThrow(
      new ContentError(file, "", `ids collide in the saved-state encoding (cards: skill-39 / cards: skill-642), so the build would refuse it; change one id of each pair in ${path}, or rename the zone in the document`),
    );
    expect(readFileSync(path, "utf8")).toBe(colliding);
  });

  it("an existing content file is not replaced without --force", async () => {
    const out = tempDir();
    copyFileSync("content/peer-mentoring.da.json", join(out, "peer-mentoring.da.json"));
    writeFileSync(join(out, "peer-mentoring.da.json"), "{}");
    await expect(importDocument({ file: SEED_TXT, force: false, out })).rejects.toThrow(
      `${SEED_TXT}: ${join(out, "peer-mentoring.da.json")} exists already; add --force to replace it (its card ids are kept)`,
    );
    expect(readFileSync(join(out, "peer-mentoring.da.json"), "utf8")).toBe("{}");
  });

  it.each([
    [[], "import: no document given; usage: npm run import -- <file.docx|file.md|file.txt> [--lang da|en] [--id <unit-id>] [--force] [--out <folder>]"],
    [["a.txt", "--lang", "de"], "import: --lang de: not a supported language (da, en)"],
    [["a.txt", "--id"], "import: --id needs a value; usage: npm run import -- <file.docx|file.md|file.txt> [--lang da|en] [--id <unit-id>] [--force] [--out <folder>]"],
    [["a.txt", "--forse"], "import: unknown option --forse; usage: npm run import -- <file.docx|file.md|file.txt> [--lang da|en] [--id <unit-id>] [--force] [--out <folder>]"],
  ])("the command line %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it("text in UTF-16 with a byte-order mark (Notepad's \"Unicode\") and --lang/--id from the command line import", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(SEED_TXT, "utf8"), "utf16le")]);
    const { unit, lines } = await importDocument({ file: docFile("seed.txt", utf16), force: false, out: tempDir(), lang: "da", id: "mentoring-2" });
    expect(withoutCardIds(unit)).toEqual({ ...withoutCardIds(REAL), id: "mentoring-2" });
    expect(lines).toContain("unit id    mentoring-2 (from --id), language da (from --lang)");
    const en = await importDocument({ file: SEED_TXT, force: false, out: tempDir(), lang: "en" });
    expect(en.unit.lang).toBe("en");
    expect(en.lines).toContain('  - warning: the headings are in "da", but --lang en was given: the buttons and messages will be in "en"');
  });
});

describe("card ids and the saved-state encoding", () => {
  it("an id whose short key another card has already is taken: the next free one is used, and the build accepts the unit", async () => {
    // "skill-39" and "skill-642" hash to the same 3 characters in the saved state.
    expect(cardKey("skill-39")).toBe(cardKey("skill-642"));
    const doc = readText(["T", "Learning part", "• For A:", "  • Skill 39", "• For B:", "  • Skill 642", "Exercise description", "Sort: A – B"].join("\n"));
    const { unit } = toUnit(doc, { file: "doc.txt" });
    expect(unit.cards.map((c) => c.id)).toEqual(["skill-39", "skill-642-2"]);
    expect(keyCollisions(unit)).toEqual([]);
  });
});

describe("the $schema the importer writes", () => {
  const project = process.cwd();
  it.each([
    ["content", "./unit.schema.json"],
    ["content/", "./unit.schema.json"],
    [join(project, "content"), "./unit.schema.json"],
    ["units", "../content/unit.schema.json"],
    ["units/new", "../../content/unit.schema.json"],
    [tmpdir(), undefined],
  ])("--out %s: %s", (out, expected) => {
    expect(schemaRef(out, project)).toBe(expected);
  });
});

describe("Word documents without Word numbering", () => {
  it("bullets typed into indented paragraphs (text pasted into Word) are lists, nested by their indent", async () => {
    const { Document, Packer, Paragraph } = await import("docx");
    const p = (text: string, left = 0) => new Paragraph({ text, indent: { left } });
    const doc = new Document({
      sections: [{ children: [p("T"), p("Learning part"), p("• For A:", 360), p("• a1", 720), p("• For B:", 360), p("• b1", 720), p("Exercise description"), p("Sort: A – B")] }],
    });
    const { unit } = await importDocument({ file: docFile("typed.docx", await Packer.toBuffer(doc)), force: false, out: tempDir() });
    expect(unit.reading.blocks).toEqual([{ type: "list", items: [{ text: "For A:", items: ["A1"] }, { text: "For B:", items: ["B1"] }] }]);
    expect(unit.cards.map((c) => [c.text, c.accept])).toEqual([["A1", ["a"]], ["B1", ["b"]]]);
  });
});

describe("markup in a document becomes text, never HTML", () => {
  const blocks = (para: string): DocBlock[] => [
    { type: "heading", level: 0, text: "T" },
    { type: "heading", level: 1, text: "Learning part" },
    { type: "paragraph", text: para },
    { type: "list", items: [{ text: "For A:", items: [{ text: "<b>bold</b> & <i>", items: [] }] }, { text: "For B:", items: [{ text: "b1", items: [] }] }] },
    { type: "heading", level: 1, text: "Exercise description" },
    { type: "paragraph", text: "Sort: A – B" },
  ];

  it("a <script> in a Word paragraph and a card stays literal text in the content file", async () => {
    const script = '<script>alert("x")</script>';
    const file = docFile("unit.docx", await docxFromBlocks(blocks(script), { title: "T", lang: "en" }));
    const { unit, path } = await importDocument({ file, force: false, out: tempDir() });
    expect(unit.reading.blocks[0]).toEqual({ type: "paragraph", text: script });
    expect(unit.cards[0]!.text).toBe("<b>bold</b> & <i>");
    expect(JSON.parse(readFileSync(path, "utf8")).reading.blocks[0].text).toBe(script);
  });

  it("Markdown emphasis, links, code and inline HTML become their text", async () => {
    const md = ["# T", "## Learning part", 'Read **this** and [the guide](https://example.org), `code` <script>alert("x")</script>', "- For A:", "  - *a1*", "- For B:", "  - b1", "## Exercise description", "Sort: A – B"].join("\n");
    const { unit } = await importDocument({ file: docFile("unit.md", md), force: false, out: tempDir() });
    expect(unit.reading.blocks[0]).toEqual({ type: "paragraph", text: 'Read this and the guide, code <script>alert("x")</script>' });
    expect(unit.cards.map((c) => c.text)).toEqual(["A1", "B1"]);
  });
});

describe("the bibliography block in the content format", () => {
  const base = withoutSchema(REAL);
  it("is optional, and validated when present", () => {
    expect(parseUnit({ ...base, bibliography: { heading: " Sources ", entries: ["A  (2020)."] } }, "u.json").bibliography).toEqual({ heading: "Sources", entries: ["A (2020)."] });
    expect(parseUnit(base, "u.json").bibliography).toBeUndefined();
  });
  it.each([
    [[], "u.json: bibliography: expected an object (the bibliography: heading and entries), got list"],
    [{ entries: ["a"] }, 'u.json: bibliography.heading: missing (the heading of the bibliography, e.g. "Bibliography")'],
    [{ heading: "S", entries: [] }, "u.json: bibliography.entries: is empty; expected at least one entry"],
    [{ heading: "S", entries: ["a", " "] }, "u.json: bibliography.entries[1]: is empty (a source)"],
    [{ heading: "S", entries: ["a", 2] }, "u.json: bibliography.entries[1]: expected a text, got number"],
    [{ heading: "S", entries: ["a"], url: "x" }, "u.json: bibliography.url: unknown field; expected one of heading, entries"],
  ])("%j", (bibliography, message) => {
    expect(() => parseUnit({ ...base, bibliography }, "u.json")).toThrow(message);
  });
});

describe("the template documents", () => {
  it("are what `npm run templates` writes now (they stay in step with the importer)", async () => {
    const files = await templateFiles();
    expect(Object.keys(files).sort()).toEqual(readdirSync("content/templates").sort());
    for (const [name, data] of Object.entries(files)) {
      const committed = readFileSync(join("content/templates", name));
      expect(Buffer.compare(committed, Buffer.from(data)), name).toBe(0);
    }
  });

  it.each(readdirSync("content/templates").sort())("%s imports into a valid unit with three zones, six cards and a source", async (name) => {
    const { unit } = await importDocument({ file: join("content/templates", name), force: false, out: tempDir() });
    const lang = name.split(".")[1] as Lang;
    expect(unit.lang).toBe(lang);
    expect(unit.title).toBe(TEMPLATES[lang].title);
    expect(unit.zones.map((z) => z.id)).toEqual(lang === "da" ? ["laerer", "elev", "both"] : ["teacher", "student", "both"]);
    expect(unit.cards.map((c) => c.accept)).toEqual([["laerer"], ["laerer"], ["elev"], ["elev"], ["both"], ["both"]].map((a) => (lang === "da" ? a : a.map((z) => ({ laerer: "teacher", elev: "student" })[z] ?? z))));
    expect(unit.bibliography?.entries).toHaveLength(1);
  });
});

describe("the real commands on imported units", () => {
  it("npm run import writes the seed unit and the second unit, and the real build packages both", () => {
    const dir = projectCopy("import-build-");
    dirs.push(dir);
    for (const f of readdirSync(join(dir, "content"))) if (/^peer-mentoring\./.test(f)) rmSync(join(dir, "content", f));
    writeFileSync(join(dir, "conversations.txt"), SECOND);
    copyFileSync(SEED_TXT, join(dir, "seed.txt"));

    const seed = runTs(dir, "src/import/cli.ts", "seed.txt");
    expect(seed.stderr).toBe("");
    expect(seed.status).toBe(0);
    expect(seed.stdout).toContain("seed.txt → content/peer-mentoring.da.json");
    expect(readFileSync(join(dir, "content/peer-mentoring.da.json"), "utf8")).toContain('"$schema": "./unit.schema.json",');
    const second = runTs(dir, "src/import/cli.ts", "conversations.txt");
    expect(second.status).toBe(0);
    const elsewhere = runTs(dir, "src/import/cli.ts", "conversations.txt", "--out", "drafts/units");
    expect(elsewhere.stderr).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "drafts/units/good-conversations.en.json"), "utf8")).$schema).toBe("../../content/unit.schema.json");

    const build = runTs(dir, "build.ts");
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    for (const zip of ["peer-mentoring-scorm12.zip", "peer-mentoring-xapi.zip", "good-conversations-scorm12.zip", "good-conversations-xapi.zip"])
      expect(existsSync(join(dir, "dist", zip)), zip).toBe(true);
    expect(readFileSync(join(dir, "dist/good-conversations/index.html"), "utf8")).toContain('"bibliography":{"heading":"References"');

    // Importing again is refused with one line and changes nothing.
    const before = readFileSync(join(dir, "content/peer-mentoring.da.json"), "utf8");
    const again = runTs(dir, "src/import/cli.ts", "seed.txt");
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe("seed.txt: content/peer-mentoring.da.json exists already; add --force to replace it (its card ids are kept)\n");
    expect(readFileSync(join(dir, "content/peer-mentoring.da.json"), "utf8")).toBe(before);
  });
});
