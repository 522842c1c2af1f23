/**
 * Per-card answers as SCORM 1.2 interactions, one record per card and check (scorm12.md §3, option B).
 *
 * Type `fill-in` with the zone ids as text: valid in every SCORM 1.2 LMS (free text ≤255), and it reads
 * well in Moodle's interactions report, where teachers see e.g. response "mentee", correct "both,mentee",
 * result "correct". (`choice` would force single-character answers like "b", unreadable there.)
 */
import type { CardResult } from "../sorting/score";
import { cmiTime, cmiTimespan } from "./cmi";

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
    ...r.card.accept.map((zone, i): [string, string] => [`correct_responses.${i}.pattern`, zone]),
    ["result", r.correct ? "correct" : "wrong"],
    ["weighting", "1"],
    ["latency", cmiTimespan(latencySeconds)],
    ["time", cmiTime(at)],
  ];
}
