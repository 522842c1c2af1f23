/** A content file written back as the document a teacher would have written it from, for round trips through the importer. */
import type { Unit } from "../../src/content/types";
import type { DocBlock } from "../../src/import/document";

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
