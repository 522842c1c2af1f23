/** How an edition (one unit in one language) is named in dist/ and on the command line of build and preview. */
import { LANGS } from "./schema";
import type { Lang } from "./types";

/**
 * `<id>` for the unit's first language in LANGS that has a content file, `<id>.<lang>` for the others:
 * `peer-mentoring`, `peer-mentoring.en`. `langs`: the languages the unit has content files in.
 */
export function editionName(unit: { id: string; lang: Lang }, langs: readonly Lang[]): string {
  const first = LANGS.find((lang) => lang === unit.lang || langs.includes(lang));
  return unit.lang === first ? unit.id : `${unit.id}.${unit.lang}`;
}
