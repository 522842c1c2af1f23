/**
 * A unit as JSON the way the hand-made content files are laid out: one line per paragraph, zone and
 * card, so that a teacher can read and diff it.
 */
export function formatUnitJson(value: unknown): string {
  return `${format(value, "")}\n`;
}

const isScalar = (v: unknown) => v === null || typeof v !== "object";

/** An object of texts and short lists of texts fits on one line ({ "id": …, "text": …, "accept": [...] }). */
const flat = (v: object) =>
  !Array.isArray(v) && Object.values(v).every((x) => isScalar(x) || (Array.isArray(x) && x.length <= 4 && x.every(isScalar)));

function format(v: unknown, indent: string): string {
  if (isScalar(v)) return JSON.stringify(v);
  if (flat(v as object)) {
    const inner = Object.entries(v as object).map(([k, x]) => `${JSON.stringify(k)}: ${Array.isArray(x) ? `[${x.map((y) => JSON.stringify(y)).join(", ")}]` : JSON.stringify(x)}`);
    return `{ ${inner.join(", ")} }`;
  }
  const next = `${indent}  `;
  if (Array.isArray(v)) return v.length === 0 ? "[]" : `[\n${v.map((x) => next + format(x, next)).join(",\n")}\n${indent}]`;
  const entries = Object.entries(v as object).map(([k, x]) => `${next}${JSON.stringify(k)}: ${format(x, next)}`);
  return `{\n${entries.join(",\n")}\n${indent}}`;
}
