/** The xAPI package's script: xAPI when launched by an LRS-aware LMS, the browser's storage otherwise. */
import { boot } from "../boot";
import { openLocalStore } from "../tracking/localStore";
import { createXapiTracker } from "../tracking/lrs/xapi";
import { parseXapiLaunch } from "../tracking/lrs/xapiLaunch";

void boot({
  xapi: (win, unit, storage) => {
    const launch = parseXapiLaunch(win.location.search);
    return launch ? createXapiTracker(launch, unit, { store: openLocalStore(`pm:${unit.id}:${unit.lang}`, { storage }) }) : null;
  },
});
