/** Reading the SCO's own copy of the work (src/tracking/localStore.ts) from a test. */
import type { Frame } from "playwright-core";
import type { Unit } from "../../src/content/types";
import { decodeState } from "../../src/state/resume";

/** The SCO's IndexedDB store as key -> value, read inside a frame of the SCO's origin. */
export const scoStore = (frame: Frame, unit: Unit) =>
  frame.evaluate(
    (db) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const out: Record<string, unknown> = {};
          const cursor = open.result.transaction("keyval").objectStore("keyval").openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve(out);
            out[String(c.key)] = c.value;
            c.continue();
          };
        };
      }),
    `pm:${unit.id}:${unit.lang}`,
  );

/** The key of a learner's copy for one package kind ("scorm12", "scorm2004"). */
export const copyKey = (kind: string, unit: Unit, learner: string) => `${kind}:${unit.id}:${unit.lang}:${learner}`;

/** How many cards a learner's copy holds placed (0 while there is none). */
export async function cardsInCopy(frame: Frame, unit: Unit, kind: string, learner: string): Promise<number> {
  const copy = (await scoStore(frame, unit))[copyKey(kind, unit, learner)] as { state?: string } | undefined;
  return Object.keys(decodeState(unit, copy?.state ?? "").attempt.placements).length;
}
