/** Plain text in the seed's shape: one paragraph or heading per line, "•", "-", "*" bullets indented for nesting. */
import { toBlocks, type DocBlock, type DocLine } from "./document";

/** Thrown for a file that cannot be read as a document; the caller adds the file name. */
export class Unreadable extends Error {
  override name = "Unreadable";
}

/**
 * Whether `e` is an Unreadable: by name too, because the studio page loads the Word reader as a
 * separate script, which carries its own copy of the class.
 */
export const isUnreadable = (e: unknown): e is Unreadable => e instanceof Unreadable || (e instanceof Error && e.name === "Unreadable");

/**
 * The text of a file: UTF-8 (with or without a byte-order mark), or UTF-16 with a byte-order mark
 * (what Notepad calls "Unicode"). Anything else is refused rather than guessed: a wrong guess would
 * put wrong letters on the cards without anyone noticing.
 */
export function decodeText(bytes: Uint8Array): string {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return utf8(bytes.subarray(3));
  if (a === 0xff && b === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (a === 0xfe && b === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes.includes(0)) throw new Unreadable("the text is in an unknown encoding (it holds zero bytes); save it as UTF-8");
  return utf8(bytes);
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Unreadable("the text is not UTF-8 (an older encoding such as Windows-1252?); save it as UTF-8");
  }
}

/** A bullet, then at least one space: "• text", "- text", "* text" (and Word's "◦", "▪", "·" when pasted). */
const BULLET = /^([ \t\u00a0]*)[•◦▪·*\-–]\s+(.*)$/;

export function readText(text: string): DocBlock[] {
  // A blank line ends a list, as in Markdown: two bullet groups with a blank line between are two lists.
  return text.split(/(?:\r\n|\r|\n)[ \t\u00a0]*(?=\r\n|\r|\n)/).flatMap((part) => {
    const lines: DocLine[] = [];
    for (const raw of part.split(/\r\n|\r|\n/)) {
      const bullet = BULLET.exec(raw);
      if (bullet) lines.push({ type: "item", depth: indent(bullet[1]!), text: bullet[2]! });
      else if (raw.trim()) lines.push({ type: "paragraph", text: raw });
    }
    return toBlocks(lines);
  });
}

/** Indentation in columns; a tab counts as four. */
const indent = (s: string) => [...s].reduce((n, ch) => n + (ch === "\t" ? 4 : 1), 0);
