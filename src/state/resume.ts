/**
 * The saved state of an attempt, as one short string for SCORM's cmi.suspend_data (and the local
 * and xAPI stores). It must stay far below the 4096-character limit of strict LMSs, so it is not JSON:
 *
 *   pm2.<unit>.<flags>.<seq>.<pairs>
 *
 * - `pm2`    format name and version. `pm1` (the same without `<seq>`) is still read: learners have
 *            it in their LMS; it counts as sequence 0.
 * - `<unit>` 3 base-36 chars, a hash of the unit id: state of another unit is not applied.
 * - `<flags>` one base-36 digit: bit 0 checked, bit 1 solution seen, bit 2 solution shown.
 * - `<seq>`  base-36 sequence number, one more at every change of the attempt (kept across
 *            launches): what the LMS gives back is compared with this browser's copy by it, because
 *            an LMS answering "true" proves nothing (src/tracking/localCopy.ts).
 * - `<pairs>` one group of 5 chars per placed card: 3 chars hashing the card id, 2 hashing the zone id.
 *
 * Hashing ids (not list positions) means a card renamed or removed in a later content version is
 * dropped on its own while every other placement survives. With all 15 cards placed the string is
 * 87 characters long at sequence 1-35, 88 up to 1295 changes.
 */
import type { Unit } from "../content/types";
import { freshAttempt, type Attempt } from "../sorting/attempt";
import { fnv1a } from "../sorting/hash";

const FORMAT = "pm2";
const SEQ = /^[0-9a-z]{1,8}$/;

const hash = (text: string, chars: number) => (fnv1a(text) % 36 ** chars).toString(36).padStart(chars, "0");

/** The 3 characters a card id is saved as: two card ids with the same key cannot both be restored. */
export const cardKey = (id: string) => hash(`c:${id}`, 3);
const zoneKey = (id: string) => hash(`z:${id}`, 2);
const unitKey = (id: string) => hash(`u:${id}`, 3);

/** Ids whose short keys collide in this unit; the build refuses such a unit. */
export function keyCollisions(unit: Unit): string[] {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const [key, id] of [
    ...unit.cards.map((c) => [cardKey(c.id), `cards: ${c.id}`]),
    ...unit.zones.map((z) => [zoneKey(z.id), `zones: ${z.id}`]),
  ]) {
    if (seen.has(key!)) clashes.push(`${seen.get(key!)} / ${id}`);
    else seen.set(key!, id!);
  }
  return clashes;
}

/** `seq`: the attempt's sequence number; trackers stamp their own with `withSequence`. */
export function encodeState(unit: Unit, a: Attempt, seq = 0): string {
  const flags = (a.checked ? 1 : 0) | (a.solutionSeen ? 2 : 0) | (a.solutionShown ? 4 : 0);
  const pairs = unit.cards
    .filter((c) => a.placements[c.id] !== undefined)
    .map((c) => cardKey(c.id) + zoneKey(a.placements[c.id]!))
    .join("");
  return `${FORMAT}.${unitKey(unit.id)}.${flags.toString(36)}.${seq.toString(36)}.${pairs}`;
}

/** The sequence number inside a saved state: 0 for pm1, none or anything unreadable. Never throws. */
export function sequenceOf(text: string): number {
  const parts = typeof text === "string" ? text.split(".") : [];
  return parts[0] === FORMAT && parts.length === 5 && SEQ.test(parts[3]!) ? parseInt(parts[3]!, 36) : 0;
}

/** The same state with another sequence number; anything not pm2 is returned as it is. */
export function withSequence(text: string, seq: number): string {
  const parts = text.split(".");
  if (parts[0] !== FORMAT || parts.length !== 5) return text;
  parts[3] = Math.max(0, Math.floor(seq)).toString(36);
  return parts.join(".");
}

export interface Decoded {
  attempt: Attempt;
  /** Why something could not be restored; empty when everything was. */
  problems: string[];
}

/**
 * Never throws: whatever cannot be mapped onto the current unit is left out (a fresh start for that
 * part), and `problems` says why.
 */
export function decodeState(unit: Unit, text: string): Decoded {
  const fresh = (problem: string): Decoded => ({ attempt: freshAttempt(), problems: [problem] });
  if (!text) return { attempt: freshAttempt(), problems: [] };
  const parts = text.split(".");
  // pm1 has no sequence: read it as pm2 with sequence 0.
  if (parts[0] === "pm1" && parts.length === 4) parts.splice(3, 0, "0");
  else if (parts[0] !== FORMAT || parts.length !== 5) return fresh(`unknown saved-state format: ${JSON.stringify(text.slice(0, 20))}`);
  const [, unitPart, flagPart, seqPart, pairs] = parts as [string, string, string, string, string];
  if (!SEQ.test(seqPart)) return fresh(`bad sequence ${JSON.stringify(seqPart.slice(0, 10))}`);
  if (unitPart !== unitKey(unit.id)) return fresh("saved state belongs to another unit");
  const flags = parseInt(flagPart, 36);
  if (!/^[0-7]$/.test(flagPart) || Number.isNaN(flags)) return fresh(`bad flags ${JSON.stringify(flagPart)}`);

  const problems: string[] = [];
  if (pairs.length % 5 !== 0) problems.push("saved placements were cut short; the incomplete one is dropped");
  const cardByKey = new Map(unit.cards.map((c) => [cardKey(c.id), c.id]));
  const zoneByKey = new Map(unit.zones.map((z) => [zoneKey(z.id), z.id]));
  const placements: Record<string, string> = {};
  for (let i = 0; i + 5 <= pairs.length; i += 5) {
    const card = cardByKey.get(pairs.slice(i, i + 3));
    const zone = zoneByKey.get(pairs.slice(i + 3, i + 5));
    if (card && zone) placements[card] = zone;
    else problems.push(`placement ${JSON.stringify(pairs.slice(i, i + 5))} matches no ${card ? "zone" : "card"} of this version`);
  }
  const complete = Object.keys(placements).length === unit.cards.length;
  // A check only stands if every card it judged is still placed.
  const checked = (flags & 1) === 1 && complete;
  if ((flags & 1) === 1 && !complete) problems.push("the checked attempt no longer covers every card; it is reopened");
  const attempt: Attempt = {
    placements,
    checked,
    solutionSeen: (flags & 2) === 2,
    solutionShown: checked && (flags & 4) === 4,
  };
  return { attempt, problems };
}
