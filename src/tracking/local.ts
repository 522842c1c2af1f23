/**
 * No LMS: the browser keeps the learner's state (localStorage), so the unit works opened straight
 * from the unzipped folder and a reload resumes. Storage that is missing or refuses writes (private
 * windows, blocked storage) leaves the unit working for this visit.
 *
 * It stays on localStorage, unlike the LMS adapters' copy (localStore.ts): here no LMS page shares
 * the origin to wipe it, opened from file:// IndexedDB is often missing while localStorage works,
 * and a synchronous write at each change survives a tab closed the same instant.
 */
import { cardInteraction } from "./scorm/interactions";
import type { InteractionFields } from "./localCopy";
import { nextRecord, type Check, type Recorded } from "./progress";
import type { Launch, Snapshot, Tracker } from "./tracker";

/** What the local adapter keeps per unit: the same facts an LMS would hold. */
export interface LocalRecord extends Recorded, Snapshot {
  /** Per-card answers of every check, as the SCORM adapter sends them. */
  interactions: InteractionFields[];
}

export function createLocalTracker(storage: Storage | null, key: string): Tracker {
  let rec: LocalRecord = { state: "", location: "", status: "", raw: null, interactions: [] };

  const write = () => {
    try {
      storage?.setItem(key, JSON.stringify(rec));
    } catch {
      /* storage refused: keep going in memory */
    }
  };

  return {
    kind: "local",

    async start(): Promise<Launch> {
      try {
        const stored = JSON.parse(storage?.getItem(key) ?? "null") as Partial<LocalRecord> | null;
        if (stored && typeof stored === "object") {
          rec = {
            state: typeof stored.state === "string" ? stored.state : "",
            location: typeof stored.location === "string" ? stored.location : "",
            status: typeof stored.status === "string" ? stored.status : "",
            raw: typeof stored.raw === "number" ? stored.raw : null,
            interactions: Array.isArray(stored.interactions) ? stored.interactions : [],
          };
        }
      } catch {
        /* unreadable or corrupt: start fresh */
      }
      if (rec.status === "") rec.status = "incomplete";
      write();
      return { graded: true, resumed: rec.state !== "", savedState: rec.state, location: rec.location, restoredFromCopy: false };
    },

    save(snapshot: Snapshot): void {
      rec = { ...rec, ...snapshot };
      write();
    },

    record(check: Check): void {
      const next = nextRecord(rec, check);
      const answers = check.result.cards.map((r) => cardInteraction(r, check.at, check.latencySeconds));
      rec = { ...rec, raw: next.raw ?? rec.raw, status: next.status ?? rec.status, interactions: [...rec.interactions, ...answers] };
      write();
    },

    suspend(): void {
      write();
    },

    finish(): void {
      write();
    },

    // The browser's storage is written at once: nothing ever waits.
    onSyncChange(): void {},
  };
}
