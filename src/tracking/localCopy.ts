/**
 * The local copy of one learner's attempt, and the rule that decides at launch whether it or the LMS
 * is newer. Shared by every LMS adapter (SCORM 1.2 today, SCORM 2004 next): the adapter reads what
 * its LMS gives back and writes what the rule says, in its own element names.
 *
 * An LMS answering "true" is a promise, not a receipt: Moodle answers "true" while a page unloads
 * whatever its server then does, Chamilo always answers "true" and saves later (scorm12.md §6, §8).
 * So the copy is never dropped on a return value. It is dropped only when a later launch reads back
 * from the LMS a state whose sequence number (src/state/resume.ts) is at least the copy's: then the
 * LMS provably holds everything the copy holds.
 */
import { sequenceOf, withSequence } from "../state/resume";
import type { LocalStore } from "./localStore";
import { isFinished, type Recorded } from "./progress";

/** One interaction as field suffix/value pairs (`id`, `type`, …), without its index. */
export type InteractionFields = [string, string][];

export interface IndexedInteraction {
  /** Its index in the LMS's interactions array. */
  index: number;
  fields: InteractionFields;
}

/** Everything of the attempt the LMS must end up holding. */
export interface LocalCopy {
  /** The sequence number inside `state`. */
  seq: number;
  state: string;
  location: string;
  /** The best record the learner earned in this attempt, or null before any check. */
  record: Recorded | null;
  /** Answers given in this browser that the LMS had not shown it holds at the last launch. */
  interactions: IndexedInteraction[];
}

/** What the LMS gives back at launch. */
export interface LmsHolds {
  state: string;
  /** How many interactions it holds (`cmi.interactions._count`). */
  interactionCount: number;
  /** The LMS starts a fresh attempt (entry ab-initio, or nothing stored yet). */
  freshAttempt: boolean;
}

export type Verdict =
  /** No copy: the LMS's state is used. */
  | { use: "lms"; drop: false }
  /** The LMS holds at least what the copy holds (or the copy belongs to a finished earlier attempt). */
  | { use: "lms"; drop: true }
  /** The copy is newer: the learner gets it, and the LMS gets what it lacks. */
  | { use: "copy"; drop: false; replay: IndexedInteraction[] };

/**
 * The rule, pure. Call it only for a graded launch (normal mode, credit) of the same learner and
 * unit (the store key says so): review and browse never read a copy.
 */
export function reconcile(copy: LocalCopy | null, lms: LmsHolds): Verdict {
  if (!copy) return { use: "lms", drop: false };
  if (copy.seq <= sequenceOf(lms.state)) return { use: "lms", drop: true };
  // A finished attempt's copy must not fill the next, fresh attempt (Moodle's "new attempt").
  if (lms.freshAttempt && copy.record && isFinished(copy.record.status)) return { use: "lms", drop: true };
  // Answers the LMS already counts are not sent twice; the rest are appended at its _count, in order.
  const replay = copy.interactions
    .filter((i) => i.index >= lms.interactionCount)
    .map((i, k) => ({ index: lms.interactionCount + k, fields: i.fields }));
  return { use: "copy", drop: false, replay };
}

/** The key of one learner's copy of one unit for one standard: another learner never sees it. */
export const copyKey = (standard: string, unitKey: string, learner: string) => `${standard}:${unitKey}:${learner}`;

/** A stored copy is data from an earlier page (or another version): checked before use. */
export function validCopy(u: unknown): u is LocalCopy {
  const x = (u ?? {}) as Partial<LocalCopy>;
  const strings = (f: unknown) => Array.isArray(f) && f.every((p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === "string"));
  return (
    Number.isInteger(x.seq) &&
    typeof x.state === "string" &&
    typeof x.location === "string" &&
    // A record's status is only ever written when it raises what the LMS holds (progress.ts).
    (x.record === null || (typeof x.record?.status === "string" && (x.record.raw === null || typeof x.record.raw === "number"))) &&
    Array.isArray(x.interactions) &&
    x.interactions.every((i) => Number.isInteger(i?.index) && i.index >= 0 && strings(i.fields))
  );
}

/** The copy in the store: read once at launch, then rewritten (in order) at every change. */
export interface CopyKeeper {
  load(): Promise<LocalCopy | null>;
  write(copy: LocalCopy): void;
  drop(): void;
}

export function copyKeeper(store: LocalStore, key: string): CopyKeeper {
  return {
    load: async () => {
      const kept = await store.get<unknown>(key);
      return validCopy(kept) ? kept : null;
    },
    // Not awaited: IndexedDB commits a moment later, so a card placed just before the tab closes may
    // not reach it (the LMS's unload store still carries it). A synchronous mirror in localStorage,
    // read back as the newer of the two at launch, would close that gap outside a Moodle re-login,
    // which empties localStorage; not done yet (issue 10).
    write: (copy) => void store.set(key, copy),
    drop: () => void store.del(key),
  };
}

/**
 * One launch's copy, for an adapter: decides at launch (`verdict`), then stamps every change with
 * the next sequence number and gives every answer the next index, writing the copy each time.
 * What the adapter must send its LMS is `copy` (state, location, record) and the answers returned.
 */
export interface AttemptCopy {
  readonly verdict: Verdict;
  readonly copy: LocalCopy;
  /** A change of the attempt: returns `state` stamped with the next sequence number. */
  change(state: string, location: string): string;
  /** A check: the record now earned, and its answers, which get the next indexes. */
  answered(record: Recorded, answers: InteractionFields[]): IndexedInteraction[];
}

/** Reads the copy and applies the rule; a copy the LMS has shown it holds is dropped here. */
export async function openAttemptCopy(keeper: CopyKeeper, lms: LmsHolds & { location: string }): Promise<AttemptCopy> {
  const kept = await keeper.load();
  const verdict = reconcile(kept, lms);
  if (verdict.drop) keeper.drop();
  let copy: LocalCopy =
    verdict.use === "copy" && kept
      ? { ...kept, interactions: verdict.replay }
      : { seq: sequenceOf(lms.state), state: lms.state, location: lms.location, record: null, interactions: [] };
  let next = lms.interactionCount + copy.interactions.length;
  const keep = (c: LocalCopy) => keeper.write((copy = c));
  return {
    verdict,
    get copy() {
      return copy;
    },
    change(state, location) {
      const stamped = withSequence(state, copy.seq + 1);
      keep({ ...copy, seq: sequenceOf(stamped), state: stamped, location });
      return stamped;
    },
    answered(record, answers) {
      const indexed = answers.map((fields) => ({ index: next++, fields }));
      keep({ ...copy, record, interactions: [...copy.interactions, ...indexed] });
      return indexed;
    },
  };
}
