/**
 * Per-card answers as SCORM interactions, one record per card and check (scorm12.md §3, option B).
 *
 * Type `fill-in` with the zone ids as text: valid in every SCORM 1.2 LMS (free text ≤255), and it reads
 * well in Moodle's interactions report, where teachers see e.g. response "mentee", correct "both,mentee",
 * result "correct". (`choice` would force single-character answers like "b", unreadable there.)
 * SCORM 2004 keeps `fill-in` for the same reasons: its `matching` would need `card.zone` pairs of
 * short identifiers, which Moodle's scorm_13.js limits to [A-Za-z0-9_.] (no hyphen, and our ids may
 * have one), while fill-in takes any text up to 250 characters in scorm-again and Moodle alike.
 */
import type { CardResult } from "../../sorting/score";
import { cmiTime, cmiTimespan } from "./cmi";
import { isoDuration } from "../isoDuration";
import { isoTimestamp, langString } from "./cmi2004";

/** `card_<id>`: [A-Za-z0-9_-] only, stable across releases (Moodle's report columns follow the id). */
export const interactionId = (cardId: string) => `card_${cardId}`;

/**
 * The fields of one interaction (suffixes of `cmi.interactions.n.`) in the order they must be
 * written: id first, then type (scorm12.md §5.13).
 */
export function cardInteraction(r: CardResult, at: Date, latencySeconds: number): [string, string][] {
  return [
    ["id", interactionId(r.card.id)],
    ["type", "fill-in"],
    ["student_response", r.placed ?? ""],
    ...correctPatterns(r),
    ["result", r.correct ? "correct" : "wrong"],
    ["weighting", "1"],
    ["latency", cmiTimespan(latencySeconds)],
    ["time", cmiTime(at)],
  ];
}

/** Every zone that counts as right is one accepted pattern. */
const correctPatterns = (r: CardResult) => r.card.accept.map((zone, i): [string, string] => [`correct_responses.${i}.pattern`, zone]);

/**
 * The same record in SCORM 2004's names and formats (scorm12.md §7): id, then type (both before the
 * responses, as the RTE requires), the card's text with its language as description so a teacher's report
 * reads "Empati", result `incorrect` instead of 1.2's `wrong`, ISO 8601 latency and timestamp.
 */
export function cardInteraction2004(r: CardResult, at: Date, latencySeconds: number, lang: string): [string, string][] {
  return [
    ["id", interactionId(r.card.id)],
    ["type", "fill-in"],
    ["description", langString(lang, r.card.text)],
    ["learner_response", r.placed ?? ""],
    ...correctPatterns(r),
    ["result", r.correct ? "correct" : "incorrect"],
    ["weighting", "1"],
    ["latency", isoDuration(latencySeconds)],
    ["timestamp", isoTimestamp(at)],
  ];
}
