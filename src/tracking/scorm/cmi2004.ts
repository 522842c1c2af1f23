/**
 * SCORM 2004 4th Edition value formats (scorm12.md §7; RTE 4.1.1 data types), as pure helpers so the
 * adapter only ever writes strings that scorm-again's strict runtime and Moodle's scorm_13.js accept.
 */
import { p2 } from "./cmi";

/** Rounds to at most `digits` decimals and prints without trailing zeros or exponent ("0.6667", "1"). */
const decimal = (n: number, digits: number) => String(Math.round(n * 10 ** digits) / 10 ** digits);

/**
 * Local clock time -> time (second,10,0) `YYYY-MM-DDThh:mm:ss`. No zone designator: the standard (and
 * Moodle's check) allow one only after a fraction of a second, and the 1.2 package's `time` is local too.
 */
export const isoTimestamp = (d: Date): string =>
  `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${[d.getHours(), d.getMinutes(), d.getSeconds()].map(p2).join(":")}`;

/** Percentage (0-100) -> cmi.score.scaled in 0..1 (the standard allows -1..1; we never score below 0). */
export const scaledScore = (pct: number): string => decimal(Math.min(100, Math.max(0, pct)) / 100, 4);

/** Cards placed / cards -> cmi.progress_measure in 0..1. */
export const progressMeasure = (done: number, total: number): string => (total <= 0 ? "0" : decimal(Math.min(1, Math.max(0, done / total)), 4));

/**
 * A localized_string_type (SPM 250 characters) such as `{lang=da}Empati`: one line, at most 250
 * characters after the tag, and never starting with `{` (which would read as a second tag).
 */
export function langString(lang: string, text: string): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim().replace(/^\{/, "("));
  return `{lang=${lang}}${chars.slice(0, 250).join("")}`;
}

/** cmi.scaled_passing_score as the LMS gives it ("" = none, else -1..1); null when there is none or it is unreadable. */
export function parsePassingScore(value: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= -1 && n <= 1 ? n : null;
}
