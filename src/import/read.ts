/** Any supported document → the one document model. Refuses, in one line, what it cannot read. */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { readProblem } from "../content/load";
import { ContentError } from "../content/schema";
import type { DocBlock } from "./document";
import { readDocx } from "./readDocx";
import { readMarkdown } from "./readMarkdown";
import { decodeText, readText, Unreadable } from "./readText";

export const FORMATS = [".docx", ".md", ".txt"] as const;

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
/** Compound File Binary: Word 97–2003 .doc, and every password-protected Office file (encrypted OOXML lives in one). */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export async function readDocument(file: string): Promise<DocBlock[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new ContentError(file, "", readProblem(e, "file"));
  }
  try {
    return await readBytes(bytes, extname(file).toLowerCase());
  } catch (e) {
    if (e instanceof Unreadable) throw new ContentError(file, "", e.message);
    throw e;
  }
}

async function readBytes(bytes: Uint8Array, ext: string): Promise<DocBlock[]> {
  if (bytes.length === 0) throw new Unreadable("the file is empty");
  if (startsWith(bytes, CFB))
    throw new Unreadable("a password-protected or old Word 97–2003 (.doc) file; remove the password and save it as a Word document (.docx)");
  if (ext === ".docx") {
    if (!startsWith(bytes, ZIP)) throw new Unreadable("not a Word document (.docx) inside; open it in Word or LibreOffice and save it as .docx");
    return nonEmpty(await readDocx(bytes));
  }
  if (ext === ".md" || ext === ".markdown") return nonEmpty(readMarkdown(decodeText(bytes)));
  if (ext === ".txt") return nonEmpty(readText(decodeText(bytes)));
  throw new Unreadable(`cannot import ${ext ? `"${ext}" files` : "a file without an extension"}; write the unit as ${FORMATS.join(", ")}`);
}

function nonEmpty(blocks: DocBlock[]): DocBlock[] {
  if (blocks.length === 0) throw new Unreadable("the file is empty (no text in it)");
  return blocks;
}
