/**
 * The document model → a Word document, Markdown or plain text: the importer's formats written back.
 * The templates are made with it (so they have exactly the shape the importer reads), and so are the
 * tests' Word versions of the seed. Word lists are real Word numbering, not typed bullets.
 */
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, type ILevelsOptions } from "docx";
import JSZip from "jszip";
import type { Lang } from "../content/types";
import { zipPackage } from "../packaging/zip";
import type { DocBlock, DocItem } from "./document";

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
const LOCALE: Record<Lang, string> = { da: "da-DK", en: "en-GB" };
const BULLETS = ["•", "◦", "▪"];

/** A .docx of the blocks, byte-identical for the same blocks (fixed dates, deterministic zip). */
export async function docxFromBlocks(blocks: DocBlock[], meta: { title: string; lang: Lang }): Promise<Uint8Array> {
  const paragraphs: Paragraph[] = [];
  const items = (list: DocItem[], level: number) => {
    for (const item of list) {
      paragraphs.push(new Paragraph({ text: item.text, numbering: { reference: "bullets", level } }));
      items(item.items, level + 1);
    }
  };
  for (const b of blocks) {
    if (b.type === "heading") paragraphs.push(new Paragraph({ text: b.text, heading: HEADINGS[Math.min(b.level, 3)] }));
    else if (b.type === "paragraph") paragraphs.push(new Paragraph({ text: b.text }));
    else items(b.items, 0);
  }
  const levels: ILevelsOptions[] = BULLETS.map((text, level) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
  const doc = new Document({
    title: meta.title,
    creator: "npm run templates",
    lastModifiedBy: "npm run templates",
    styles: { default: { document: { run: { language: { value: LOCALE[meta.lang] } } } } },
    numbering: { config: [{ reference: "bullets", levels }] },
    sections: [{ children: paragraphs }],
  });
  return deterministic(await Packer.toBuffer(doc));
}

/** The same document with its creation dates fixed and its zip written by the build's deterministic zip writer. */
async function deterministic(docx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const entries: Record<string, Uint8Array | string> = {};
  for (const [path, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    entries[path] = path === "docProps/core.xml"
      ? (await file.async("string")).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "2000-01-01T00:00:00Z")
      : await file.async("uint8array");
  }
  return zipPackage(entries);
}

/** Markdown that markdown-it reads back as the same blocks: ATX headings, "-" lists indented by two. */
export function markdownFromBlocks(blocks: DocBlock[]): string {
  const escape = (s: string) => s.replace(/[\\`*_[\]<>#]/g, "\\$&").replace(/^(\d+)([.)])/, "$1\\$2").replace(/^([-+])(\s)/, "\\$1$2");
  const items = (list: DocItem[], indent: string): string[] =>
    list.flatMap((i) => [`${indent}- ${escape(i.text)}`, ...items(i.items, `${indent}  `)]);
  return `${blocks
    .map((b) => (b.type === "heading" ? `${"#".repeat(Math.max(1, b.level))} ${escape(b.text)}` : b.type === "paragraph" ? escape(b.text) : items(b.items, "").join("\n")))
    .join("\n\n")}\n`;
}

/** Plain text in the seed's shape: one line per heading or paragraph, "•" bullets indented by two per level. */
export function textFromBlocks(blocks: DocBlock[]): string {
  const items = (list: DocItem[], indent: string): string[] => list.flatMap((i) => [`${indent}• ${i.text}`, ...items(i.items, `${indent}  `)]);
  return `${blocks.map((b) => (b.type === "list" ? items(b.items, " ").join("\n") : b.text)).join("\n\n")}\n`;
}
