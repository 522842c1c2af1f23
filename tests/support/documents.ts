/** A content file written back as the document a teacher would have written it from, for round trips through the importer. */
import { readFileSync } from "node:fs";
import type { Unit } from "../../src/content/types";
import type { DocBlock } from "../../src/import/document";
import { readText } from "../../src/import/readText";
import { SECTIONS } from "../../src/import/toUnit";
import { docxFromBlocks } from "../../src/import/writeDocument";

/** The seed: the teacher's document the hand-made unit was made from, as plain text. */
export const SEED_TXT = "tests/fixtures/peer-mentoring.da.txt";
/** A second, different unit in English ("Good conversations"), in the same shape. */
export const SECOND_TXT = "tests/fixtures/good-conversations.en.txt";

/** The seed as a Word author would have it: the section lines as Word headings, the title as Title, real bullets. */
export function seedAsWord(): DocBlock[] {
  const sections = Object.values(SECTIONS).flatMap((s) => [...s.da, ...s.en].map((n) => n.toLowerCase()));
  return readText(readFileSync(SEED_TXT, "utf8")).map((b): DocBlock => {
    if (b.type !== "paragraph") return b;
    if (b.text === "Peer Mentoring") return { type: "heading", level: 0, text: b.text };
    return sections.includes(b.text.replace(/:$/, "").toLowerCase()) ? { type: "heading", level: 1, text: b.text } : b;
  });
}

/** The seed as a .docx (Title and Heading styles, two-level Word bullet numbering), made with the docx library. */
export const seedDocx = () => docxFromBlocks(seedAsWord(), { title: "Peer Mentoring", lang: "da" });

export function unitAsDocument(unit: Unit): DocBlock[] {
  const h = (level: number, text: string): DocBlock => ({ type: "heading", level, text });
  const leaf = (text: string) => ({ text, items: [] });
  return [
    ...(unit.topic ? [{ type: "paragraph", text: unit.topic } as DocBlock] : []),
    h(0, unit.title),
    h(1, unit.reading.heading),
    ...unit.reading.blocks.map((b): DocBlock =>
      b.type === "list"
        ? { type: "list", items: b.items.map((i) => (typeof i === "string" ? leaf(i) : { text: i.text, items: i.items.map(leaf) })) }
        : b.type === "heading"
          ? h(2, b.text)
          : b,
    ),
    ...(unit.bibliography ? [h(1, unit.bibliography.heading), ...unit.bibliography.entries.map((text): DocBlock => ({ type: "paragraph", text }))] : []),
    h(1, unit.exercise.heading),
    { type: "paragraph", text: unit.exercise.instructions },
  ];
}
