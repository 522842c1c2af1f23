/**
 * The one document model every reader (.docx, .md, .txt) produces and the mapper (toUnit.ts) reads:
 * headings, paragraphs and nested lists, as plain text. Nothing in it is markup: a "<script>" a
 * teacher typed is the eight characters "<script>".
 */
import { normalise } from "../content/schema";

export interface DocItem {
  text: string;
  /** The nested list this item introduces (its text is then the list's lead-in). */
  items: DocItem[];
}

export type DocBlock =
  | { type: "heading"; level: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; items: DocItem[] };

/** A line as a reader sees it: lists are still flat, with the depth the format gives them. */
export type DocLine = Exclude<DocBlock, { type: "list" }> | { type: "item"; depth: number; text: string };


/**
 * Nests the flat lines into blocks: consecutive items form one list, and an item deeper than the one
 * before it starts that item's nested list, however many levels deeper the format said it was.
 */
export function toBlocks(lines: DocLine[]): DocBlock[] {
  const blocks: DocBlock[] = [];
  let stack: { depth: number; items: DocItem[] }[] = [];
  for (const line of lines) {
    const text = normalise(line.text);
    if (!text) continue;
    if (line.type !== "item") {
      stack = [];
      blocks.push({ ...line, text });
      continue;
    }
    if (stack.length === 0) {
      const list: DocBlock = { type: "list", items: [] };
      blocks.push(list);
      stack = [{ depth: line.depth, items: list.items }];
    }
    while (stack.length > 1 && line.depth <= stack.at(-2)!.depth) stack.pop();
    let level = stack.at(-1)!;
    const parent = level.items.at(-1);
    if (line.depth > level.depth && parent) {
      level = { depth: line.depth, items: parent.items };
      stack.push(level);
    } else if (stack.length === 1 && line.depth < level.depth) {
      level.depth = line.depth; // a first item indented deeper than the rest
    }
    level.items.push({ text, items: [] });
  }
  return blocks;
}
