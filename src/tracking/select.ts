/**
 * Which adapter this launch gets: xAPI when launched with an LRS's parameters, SCORM 1.2 when an LMS
 * API is found, the browser otherwise. Adapters are passed in, so each package's bundle carries only
 * its own (the SCORM zip has no xAPI code, the xAPI zip no pipwerks).
 */
import type { Scorm12Api } from "pipwerks-scorm-api-wrapper";
import type { Unit } from "../content/types";
import { createLocalTracker } from "./local";
import type { Tracker } from "./tracker";

export interface Adapters {
  scorm12?: (api: Scorm12Api, storage: Storage | null, unitKey: string) => Tracker;
  /** An LRS-launched adapter (xAPI, cmi5); returns null when the page was not launched with its parameters. */
  xapi?: (win: Window, unit: Unit, storage: Storage | null) => Tracker | null;
}

/**
 * Walks up the parent frames, then the opener's, looking for `API` (scorm12.md §2). Each hop is
 * guarded: a frame on another origin throws on access. Moodle's own loader gives up after 7 hops.
 */
export function findScorm12Api(win: Window): Scorm12Api | null {
  const scan = (start: Window | null): Scorm12Api | null => {
    for (let w = start, hops = 0; w && hops <= 10; hops++) {
      try {
        const api = (w as unknown as { API?: Scorm12Api }).API;
        if (api && typeof api.LMSInitialize === "function") return api;
        if (w.parent === w) break;
        w = w.parent;
      } catch {
        break;
      }
    }
    return null;
  };
  let opener: Window | null = null;
  try {
    opener = win.top?.opener ?? win.opener ?? null;
  } catch {
    opener = null;
  }
  return scan(win) ?? scan(opener);
}

function localStorageOf(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

export function selectTracker(win: Window, unit: Unit, adapters: Adapters): Tracker {
  const storage = localStorageOf(win);
  const unitKey = `${unit.id}:${unit.lang}`;
  const xapi = adapters.xapi?.(win, unit, storage);
  if (xapi) return xapi;
  const api = adapters.scorm12 ? findScorm12Api(win) : null;
  if (api && adapters.scorm12) return adapters.scorm12(api, storage, unitKey);
  return createLocalTracker(storage, `local:${unitKey}`);
}
