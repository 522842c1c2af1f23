/**
 * The local copy of what the LMS has not confirmed yet, kept in localStorage so that a failed commit,
 * a vanished API or a closed tab loses nothing: the next launch offers it to the LMS again.
 */
import type { LessonStatus, Recorded } from "./progress";

/** One interaction as field suffix/value pairs (`id`, `type`, …), without its index. */
export type InteractionFields = [string, string][];

export interface Unsaved {
  state: string | null;
  location: string | null;
  /** The best record the learner earned, or null if no check is waiting. */
  record: Recorded | null;
  interactions: InteractionFields[];
}

export const emptyUnsaved = (): Unsaved => ({ state: null, location: null, record: null, interactions: [] });

export const isEmpty = (u: Unsaved) => u.state === null && u.location === null && u.record === null && u.interactions.length === 0;

const STATUSES: LessonStatus[] = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted", ""];

function valid(u: unknown): u is Unsaved {
  if (!u || typeof u !== "object") return false;
  const x = u as Record<string, unknown>;
  const strOrNull = (v: unknown) => v === null || typeof v === "string";
  const record = x.record as Record<string, unknown> | null;
  const recordOk =
    record === null ||
    (typeof record === "object" &&
      STATUSES.includes(record.status as LessonStatus) &&
      (record.raw === null || typeof record.raw === "number"));
  const pairs = (i: unknown) => Array.isArray(i) && i.every((p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === "string"));
  return strOrNull(x.state) && strOrNull(x.location) && recordOk && Array.isArray(x.interactions) && x.interactions.every(pairs);
}

export interface Outbox {
  load(): Unsaved | null;
  save(u: Unsaved): void;
  clear(): void;
}

/** Storage that is missing, full or refusing is survived: the copy then lives for this page only. */
export function createOutbox(storage: Storage | null, key: string): Outbox {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage?.getItem(key) ?? "null");
        return valid(parsed) && !isEmpty(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    save(u) {
      try {
        if (isEmpty(u)) storage?.removeItem(key);
        else storage?.setItem(key, JSON.stringify(u));
      } catch {
        /* storage refused */
      }
    },
    clear() {
      try {
        storage?.removeItem(key);
      } catch {
        /* storage refused */
      }
    },
  };
}
