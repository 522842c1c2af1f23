/** Which adapter this launch gets: SCORM 1.2 when an LMS API is found, the browser otherwise. */
import type { Scorm12Api } from "pipwerks-scorm-api-wrapper";
import { createLocalTracker } from "./local";
import { createScorm12Tracker } from "./scorm12";
import type { Tracker } from "./tracker";

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

/** `unitKey` names the unit in the browser's storage, e.g. `peer-mentoring:da`. */
export function selectTracker(win: Window, unitKey: string): Tracker {
  const api = findScorm12Api(win);
  const storage = localStorageOf(win);
  return api ? createScorm12Tracker(api, { storage, unitKey }) : createLocalTracker(storage, `local:${unitKey}`);
}
