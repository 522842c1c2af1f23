/**
 * The template documents teachers copy, in Danish and English: a small unit in exactly the shape the
 * importer reads (the section headings of toUnit.ts, a list per zone, the zones named at the end of the
 * exercise description). `npm run templates` writes them to content/templates/; a test checks that the
 * committed files are what this gives, and that each imports into a valid unit.
 */
import type { Lang } from "../content/types";
import type { DocBlock, DocItem } from "./document";
import { SECTIONS } from "./toUnit";
import { docxFromBlocks, markdownFromBlocks, textFromBlocks } from "./writeDocument";

const h = (level: number, text: string): DocBlock => ({ type: "heading", level, text });
const p = (text: string): DocBlock => ({ type: "paragraph", text });
const leadIn = (text: string, items: string[]): DocItem => ({ text, items: items.map((t) => ({ text: t, items: [] })) });

const section = (s: keyof typeof SECTIONS, lang: Lang) => h(2, SECTIONS[s][lang][0]!);

export const TEMPLATES: Record<Lang, { title: string; blocks: DocBlock[] }> = {
  da: {
    title: "Feedback i klassen",
    blocks: [
      p(SECTIONS.topic.da[0]),
      h(1, "Feedback i klassen"),
      section("reading", "da"),
      p("Skriv her den tekst, eleverne skal læse: så mange afsnit, du vil. Overskrifterne Emne, Læringsdel, Bibliografi og Beskrivelse af øvelsen skal stå, som de står her."),
      p("Hver punktliste, hvis første linje nævner et område, giver kortene til det område. Et udsagn, der står i flere lister, bliver ét kort, der er rigtigt i dem alle."),
      {
        type: "list",
        items: [
          leadIn("Det gør læreren:", ["Stiller åbne spørgsmål", "Giver konkret ros"]),
          leadIn("Det gør eleven:", ["Prøver en ny løsning", "Retter sin egen opgave"]),
          leadIn("Det gør de begge:", ["Lytter til hinanden", "Aftaler det næste skridt"]),
        ],
      },
      section("bibliography", "da"),
      p("Efternavn, Fornavn (2024). Bogens titel. Forlag."),
      section("exercise", "da"),
      p("Når du har læst teksten, skal du trække hvert kort til den, der gør det: Lærer – elev – begge"),
    ],
  },
  en: {
    title: "Feedback in class",
    blocks: [
      p(SECTIONS.topic.en[0]),
      h(1, "Feedback in class"),
      section("reading", "en"),
      p("Write the text learners read here: as many paragraphs as you like. Keep the headings Topic, Learning part, Bibliography and Exercise description as they are."),
      p("Every bulleted list whose first line names a zone gives that zone's cards. A phrase that stands in several lists becomes one card that is right in all of them."),
      {
        type: "list",
        items: [
          leadIn("What the teacher does:", ["Asks open questions", "Gives specific praise"]),
          leadIn("What the student does:", ["Tries a new approach", "Corrects their own work"]),
          leadIn("What they both do:", ["Listen to each other", "Agree on the next step"]),
        ],
      },
      section("bibliography", "en"),
      p("Surname, First name (2024). Title of the book. Publisher."),
      section("exercise", "en"),
      p("When you have read the text, drag each card to the one who does it: Teacher – student – both"),
    ],
  },
};

/** Every template file, by its name under content/templates/. */
export async function templateFiles(): Promise<Record<string, Uint8Array | string>> {
  const files: Record<string, Uint8Array | string> = {};
  for (const [lang, { title, blocks }] of Object.entries(TEMPLATES) as [Lang, (typeof TEMPLATES)[Lang]][]) {
    files[`unit-template.${lang}.docx`] = await docxFromBlocks(blocks, { title, lang });
    files[`unit-template.${lang}.md`] = markdownFromBlocks(blocks);
    files[`unit-template.${lang}.txt`] = textFromBlocks(blocks);
  }
  return files;
}
