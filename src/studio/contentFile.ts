/**
 * A content file (.json) given to the studio, under Make a unit or under Results: its text (UTF-8,
 * or UTF-16 with a byte-order mark), then the build's validator. One reading for both tabs, so a
 * file is refused in the same words wherever it is dropped.
 */
import { ContentError, parseUnitJson } from "../content/schema";
import type { Unit } from "../content/types";
import { decodeText } from "../import/readText";

/** The unit in a content file; a ContentError naming the file when it cannot be one. */
export function unitFromContentFile(bytes: Uint8Array, name: string): Unit {
  let text: string;
  try {
    text = decodeText(bytes);
  } catch (e) {
    throw new ContentError(name, "", (e as Error).message);
  }
  return parseUnitJson(text, name);
}
