/** The SCORM 2004 package's script: SCORM 2004 when the LMS's API_1484_11 is found, the browser's storage otherwise. */
import { boot } from "../boot";
import { openLocalStore } from "../tracking/localStore";
import { createScorm2004Tracker } from "../tracking/scorm/scorm2004";

void boot({
  scorm2004: (api, unit, storage, unitKey) => createScorm2004Tracker(api, unit, { store: openLocalStore(`pm:${unitKey}`, { storage }), unitKey }),
});
