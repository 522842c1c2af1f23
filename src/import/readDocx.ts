/**
 * Word documents (.docx) through mammoth. mammoth reads the file into its document tree (paragraphs
 * with their style and list numbering, runs, text); we take that tree through its transformDocument
 * hook and never use the HTML it would make from it. The hook's API is marked unstable by mammoth,
 * hence the exact pinned version and the tests that import real Word lists.
 */
import mammoth from "mammoth";
import { toBlocks, type DocBlock, type DocLine } from "./document";
import { Unreadable } from "./readText";

interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string | number; isOrdered: boolean } | null;
  indent?: { start: string | null } | null;
}

/** A bullet typed (or pasted from a text file) into a plain paragraph: "• text". */
const TYPED_BULLET = /^[•◦▪·*\-–]\s+(.*)$/;

/** Word's own heading styles, in English and Danish Word ("Heading 2", "Overskrift 2", "Title", "Titel"). */
const HEADING = /^(?:heading|overskrift)\s*(\d)$/i;
const TITLE = /^(?:title|titel)$/i;

export async function readDocx(bytes: Uint8Array): Promise<DocBlock[]> {
  let tree: MammothElement | undefined;
  try {
    await mammoth.convertToHtml(
      // mammoth takes `buffer` in Node and `arrayBuffer` in its browser build (package.json "browser"):
      // the same bytes under both names serve the command line and the studio page.
      { buffer: bytes, arrayBuffer: bytes } as unknown as { buffer: Buffer },
      {
        transformDocument: (doc: MammothElement) => {
          tree = doc;
          return doc;
        },
      },
    );
  } catch {
    // A zip without word/document.xml, or a damaged one.
    throw new Unreadable("not a Word document (.docx) inside; open it in Word or LibreOffice and save it as .docx");
  }
  if (!tree) throw new Unreadable("not a Word document (.docx) inside");
  const lines: DocLine[] = [];
  for (const p of paragraphs(tree)) {
    const text = textOf(p);
    const style = p.styleName ?? p.styleId ?? "";
    const heading = HEADING.exec(style);
    const typed = TYPED_BULLET.exec(text.trimStart());
    if (p.numbering) lines.push({ type: "item", depth: Number(p.numbering.level), text });
    // Without Word numbering, the paragraph's indent (in twentieths of a point) tells the nesting.
    else if (typed) lines.push({ type: "item", depth: Number(p.indent?.start ?? 0) / 360, text: typed[1]! });
    else if (heading || TITLE.test(style)) lines.push({ type: "heading", level: heading ? Number(heading[1]) : 0, text });
    else lines.push({ type: "paragraph", text });
  }
  return toBlocks(lines);
}

/** Every paragraph in reading order, including those inside tables. */
function* paragraphs(el: MammothElement): Generator<MammothElement> {
  if (el.type === "paragraph") yield el;
  else for (const child of el.children ?? []) yield* paragraphs(child);
}

/** The paragraph's text; line breaks and tabs become spaces, footnote marks and images nothing. */
function textOf(el: MammothElement): string {
  if (el.type === "text") return el.value ?? "";
  if (el.type === "tab" || el.type === "break") return " ";
  return (el.children ?? []).map(textOf).join("");
}
