/** Ids made from texts, by the validator's own id rule (IDS and idPattern in src/content/schema.ts). */
import { IDS, idPattern, normalise } from "../content/schema";

/** Danish letters the way the hand-made ids spell them ("færdigheder" → "faerdigheder"). */
const SPELL: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", ß: "ss" };

/**
 * The id a text gets: lowercase ASCII words joined by "-", cut at a word boundary to fit, or null
 * when nothing usable is left (a text of digits or other scripts only).
 */
export function idFromText(text: string, kind: keyof typeof IDS): string | null {
  const max = IDS[kind].max;
  // From the plain text: a soft hyphen inside a word must not split it ("Konflikt\u00adhåndtering").
  const words = normalise(text)
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => SPELL[c]!)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (words.length > 0 && !/^[a-z]/.test(words[0]!)) words.shift();
  let id = "";
  for (const w of words) {
    const next = id ? `${id}-${w}` : w;
    if (next.length > max) break;
    id = next;
  }
  if (!id && words[0]) id = words[0].slice(0, max);
  return new RegExp(idPattern(max)).test(id) ? id : null;
}

/** `base`, or `base-2`, `base-3`… : the first that is not taken (and still fits the rule). */
export function freeId(base: string, taken: (id: string) => boolean, kind: keyof typeof IDS): string {
  const max = IDS[kind].max;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : `-${n}`;
    const id = base.slice(0, max - suffix.length).replace(/-+$/, "") + suffix;
    if (!taken(id)) return id;
  }
}
