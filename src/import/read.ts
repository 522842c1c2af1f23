/**
 * Any supported document's bytes → the one document model. Refuses, in one line, what it cannot read.
 * Pure: the command line (run.ts) reads the file, the studio page gets the dropped file's bytes; the
 * heavy readers (mammoth for Word, markdown-it) come in through `readers`, so the page loads each
 * only when its file type is dropped.
 */
import { ContentError } from "../content/schema";
import type { DocBlock } from "./document";
import { decodeText, isUnreadable, readText, Unreadable } from "./readText";
import { isCompoundFile, isZip } from "./signatures";

export const FORMATS = [".docx", ".md", ".txt"] as const;

/** The readers of the formats that need a library (see readers.ts for Node's). */
export interface DocumentReaders {
  docx(bytes: Uint8Array): Promise<DocBlock[]>;
  markdown(text: string): Promise<DocBlock[]> | DocBlock[];
}

/** ".docx" for "unit.DOCX", "" without an extension (as node's extname). */
export function extensionOf(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** `file`: the document's name as the author gave it; it starts every error, and its extension picks the reader. */
export async function readDocument(bytes: Uint8Array, file: string, readers: DocumentReaders): Promise<DocBlock[]> {
  try {
    return await readBytes(bytes, extensionOf(file), readers);
  } catch (e) {
    if (isUnreadable(e)) throw new ContentError(file, "", e.message);
    throw e;
  }
}

async function readBytes(bytes: Uint8Array, ext: string, readers: DocumentReaders): Promise<DocBlock[]> {
  if (bytes.length === 0) throw new Unreadable("the file is empty");
  if (isCompoundFile(bytes))
    throw new Unreadable("a password-protected or old Word 97–2003 (.doc) file; remove the password and save it as a Word document (.docx)");
  if (ext === ".docx") {
    if (!isZip(bytes)) throw new Unreadable("not a Word document (.docx) inside; open it in Word or LibreOffice and save it as .docx");
    return nonEmpty(await readers.docx(bytes));
  }
  if (ext === ".md" || ext === ".markdown") return nonEmpty(await readers.markdown(decodeText(bytes)));
  if (ext === ".txt") return nonEmpty(readText(decodeText(bytes)));
  throw new Unreadable(`cannot import ${ext ? `"${ext}" files` : "a file without an extension"}; write the unit as ${FORMATS.join(", ")}`);
}

function nonEmpty(blocks: DocBlock[]): DocBlock[] {
  if (blocks.length === 0) throw new Unreadable("the file is empty (no text in it)");
  return blocks;
}
