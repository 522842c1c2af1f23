/** The SCORM 1.2 package's script: SCORM when an LMS API is found, the browser's storage otherwise. */
import { boot } from "../boot";
import { openLocalStore } from "../tracking/localStore";
import { createScorm12Tracker } from "../tracking/scorm/scorm12";

void boot({
  scorm12: (api, storage, unitKey) => createScorm12Tracker(api, { store: openLocalStore(`pm:${unitKey}`, { storage }), unitKey }),
});
