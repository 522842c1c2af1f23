/**
 * Long words as the learner sees them: the build finds where each long word of the unit may break
 * and inlines a small map, word -> word with soft hyphens (U+00AD). Components pass displayed content
 * text through `useShown()`; the unit itself, and so everything the trackers send, keeps the plain words.
 * The map is data, not hyphenation patterns: the browser script stays small, and the server's HTML
 * and the hydrated page show the very same text.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** Plain word -> the same word with soft hyphens where it may break. */
export type Hyphens = Readonly<Record<string, string>>;

export const SOFT_HYPHEN = "\u00ad";

/** Runs of letters: what the build hyphenates and what `withSoftHyphens` looks up. */
export const WORD = /\p{L}+/gu;

// Object.hasOwn is missing in Safari 15.0-15.3, which Moodle 4.5 supports.
const own = Object.prototype.hasOwnProperty;

export const withSoftHyphens = (text: string, hyphens: Hyphens): string =>
  text.replace(WORD, (word) => (own.call(hyphens, word) ? hyphens[word]! : word));

export const HyphensContext = createContext<Hyphens>({});

/** The display form of a content string, for components under a HyphensContext provider. */
export function useShown(): (text: string) => string {
  const hyphens = useContext(HyphensContext);
  return (text) => withSoftHyphens(text, hyphens);
}

/**
 * Soft hyphens are there to break lines, not to be copied: when the selection holds any, the
 * clipboard gets the plain text (a pasted word would otherwise carry invisible characters that
 * spell checkers and searches trip over).
 */
export function copyPlainText(doc: Document): void {
  doc.addEventListener("copy", (e) => {
    const text = doc.getSelection()?.toString() ?? "";
    if (!text.includes(SOFT_HYPHEN) || !e.clipboardData) return;
    e.clipboardData.setData("text/plain", text.replaceAll(SOFT_HYPHEN, ""));
    e.preventDefault();
  });
}
