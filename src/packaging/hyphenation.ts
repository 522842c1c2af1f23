/**
 * Where the unit's long words may break, found at build time with TeX's hyphenation patterns for
 * the unit's language (the `hyphen` package). Browsers without a hyphenation dictionary for the
 * language (Debian's Chromium has none) would otherwise cut "Konflikthåndteringsfærdigheder" at any
 * letter in a narrow zone.
 */
import danish from "hyphen/da";
import english from "hyphen/en-us";
import type { Lang, Unit } from "../content/types";
import { SOFT_HYPHEN, WORD, type Hyphens } from "../ui/softHyphens";

/** Shorter words fit a zone at 320 px; hyphenating them would only make text harder to read. */
export const MIN_LETTERS = 12;

const PATTERNS: Record<Lang, typeof danish> = { da: danish, en: english };

/** Fields that are identifiers, settings or addresses, never shown as running text. */
const NOT_TEXT = new Set(["$schema", "id", "version", "lang", "type", "accept", "masteryScore", "url", "href", "doi"]);

/** Every string the unit shows, whatever block types the reading part holds. */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value && typeof value === "object") for (const [key, v] of Object.entries(value)) if (!NOT_TEXT.has(key)) texts(v, out);
  return out;
}

/**
 * One word's break points. TeX's Danish patterns allow a break before a single letter between two
 * breaks ("Konflik-t-hånd"): that letter joins the syllable before it ("Konflikt-hånd").
 */
export function hyphenateWord(word: string, lang: Lang): string {
  const parts = PATTERNS[lang].hyphenateSync(word, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_LETTERS }).split(SOFT_HYPHEN);
  const merged: string[] = [];
  for (const part of parts) {
    if (merged.length > 0 && ([...part].length < 2 || [...merged[merged.length - 1]!].length < 2)) merged[merged.length - 1] += part;
    else merged.push(part);
  }
  return merged.join(SOFT_HYPHEN);
}

/** The unit's words of at least MIN_LETTERS letters that may break, each with its soft hyphens. */
export function hyphensFor(unit: Unit): Hyphens {
  const map: Record<string, string> = {};
  for (const text of texts(unit)) {
    for (const [word] of text.matchAll(WORD)) {
      if ([...word].length < MIN_LETTERS || Object.hasOwn(map, word)) continue;
      const hyphenated = hyphenateWord(word, unit.lang);
      if (hyphenated !== word) map[word] = hyphenated;
    }
  }
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1)));
}
