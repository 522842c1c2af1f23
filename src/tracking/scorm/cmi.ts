/** SCORM 1.2 value formats (scorm12.md §3, §4.1): pure helpers so every adapter writes valid strings. */

export const p2 = (n: number) => String(n).padStart(2, "0");

/** Seconds -> CMITimespan `HH:MM:SS.cc`, always two fraction digits (Moodle mis-adds one), capped at 9999 h. */
export function cmiTimespan(seconds: number): string {
  const cs = Math.min(Math.max(0, Math.round(seconds * 100)), 3599999999);
  return `${p2(Math.floor(cs / 360000))}:${p2(Math.floor(cs / 6000) % 60)}:${p2(Math.floor(cs / 100) % 60)}.${p2(cs % 100)}`;
}

/** Local clock time -> CMITime `HH:MM:SS`. */
export const cmiTime = (d: Date): string => [d.getHours(), d.getMinutes(), d.getSeconds()].map(p2).join(":");

/** Percentage -> CMIDecimal in 0..100 with at most two decimals, dot-separated (never `85%` or `85,5`). */
export const cmiScore = (pct: number): string => String(Math.round(Math.min(100, Math.max(0, pct)) * 100) / 100);
