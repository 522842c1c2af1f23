/**
 * Which adapter this launch gets: xAPI or cmi5 when launched with an LRS's parameters, SCORM 2004 or
 * 1.2 when the LMS's API of that version is found, the browser otherwise. Adapters are passed in, so
 * each package's bundle carries only its own (the SCORM zips have no xAPI code, the xAPI zip no
 * pipwerks).
 */
import type { Scorm12Api, Scorm2004Api } from "pipwerks-scorm-api-wrapper";
import type { Unit } from "../content/types";
import { createLocalTracker } from "./local";
import type { Tracker } from "./tracker";

export interface Adapters {
  scorm12?: (api: Scorm12Api, storage: Storage | null, unitKey: string) => Tracker;
  scorm2004?: (api: Scorm2004Api, unit: Unit, storage: Storage | null, unitKey: string) => Tracker;
  /** An LRS-launched adapter (xAPI, cmi5); returns null when the page was not launched with its parameters. */
  xapi?: (win: Window, unit: Unit, storage: Storage | null) => Tracker | null;
}

/**
 * Walks up the parent frames, then the opener's, looking for the window property `name` holding an
 * object with method `probe` (scorm12.md §2; the SCORM 2004 RTE asks the same search for
 * `API_1484_11`). Each hop is guarded: a frame on another origin throws on access. Moodle's own
 * loader gives up after 7 hops.
 */
function findApi<T>(win: Window, name: "API" | "API_1484_11", probe: string): T | null {
  const scan = (start: Window | null): T | null => {
    for (let w = start, hops = 0; w && hops <= 10; hops++) {
      try {
        const api = (w as unknown as Record<string, Record<string, unknown> | undefined>)[name];
        if (api && typeof api[probe] === "function") return api as T;
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

export const findScorm12Api = (win: Window) => findApi<Scorm12Api>(win, "API", "LMSInitialize");
export const findScorm2004Api = (win: Window) => findApi<Scorm2004Api>(win, "API_1484_11", "Initialize");

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
  const api2004 = adapters.scorm2004 ? findScorm2004Api(win) : null;
  if (api2004 && adapters.scorm2004) return adapters.scorm2004(api2004, unit, storage, unitKey);
  const api = adapters.scorm12 ? findScorm12Api(win) : null;
  if (api && adapters.scorm12) return adapters.scorm12(api, storage, unitKey);
  return createLocalTracker(storage, `local:${unitKey}`);
}
