/** The cmi5 package's script: a cmi5 AU when an LMS launched it, the browser's storage otherwise. */
import { boot } from "../boot";
import { createCmi5Tracker } from "../tracking/lrs/cmi5";
import { looksLikeCmi5Launch } from "../tracking/lrs/cmi5Launch";
import { openLocalStore } from "../tracking/localStore";

function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

void boot({
  // No cmi5 parameter at all: opened from the unzipped folder, not by an LMS (the local tracker).
  xapi: (win, unit, storage) =>
    looksLikeCmi5Launch(win.location.search)
      ? createCmi5Tracker(win.location.search, unit, { store: openLocalStore(`pm:${unit.id}:${unit.lang}`, { storage }), storage, session: sessionStorageOf(win) })
      : null,
});
