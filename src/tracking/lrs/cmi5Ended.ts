/**
 * A cmi5 page whose session has ended: the tab was reloaded (F5, a phone restoring it) after the
 * page before said `terminated` as it went. cmi5 lets that session record nothing more (§9.3: no
 * statement after terminated), and an LMS refuses its token from then on (CATAPULT answers
 * 8.1.2.0-2 to any request), so this page sends nothing at all. What the learner does here is kept
 * in this browser, as work an LMS has not confirmed is kept everywhere: the document copy (newer
 * than what the LRS holds, so the next launch restores it and writes it to the State API) and the
 * checks, which the next graded launch from the LMS (new fetch URL, same registration) reports in
 * its own session: answered, completed, passed or failed (xapi.ts). The learner is told so once.
 */
import { sequenceOf, withSequence } from "../../state/resume";
import type { LocalStore } from "../localStore";
import type { Check } from "../progress";
import { documentCopy, emptyDocument, learnerKey, unreportedChecks, type StateDocument } from "./stateDocument";
import type { Launched } from "./cmi5Launch";
import type { Launch, Tracker } from "../tracker";
import type { XapiLaunch } from "./xapiLaunch";

/**
 * `launched`: what the ended session's launch read and was (the tab's session record), or null when
 * the tab does not know. A Browse or Review session's work never counts, so nothing is kept then.
 */
export function createEndedSessionTracker(launch: Pick<XapiLaunch, "activityId" | "actor" | "registration">, store: LocalStore, launched: Launched | null): Tracker {
  const key = learnerKey(launch);
  const copy = documentCopy(store, key);
  const unreported = unreportedChecks(store, key);
  let doc: StateDocument = emptyDocument();
  let checks: Check[] = [];
  const graded = launched?.graded ?? true;
  let finished = !graded;

  return {
    // Its work lives in this browser until the next launch: the unit says so when the learner finishes.
    kind: graded ? "local" : "cmi5",
    // Nothing here waits for an LMS answer: the learner has been told where their work goes.
    onSyncChange: (listener) => listener(false),

    async start(): Promise<Launch> {
      const kept = await copy.load();
      checks = await unreported.load();
      // The copy holds every change of the ended session; what its launch read covers a session without changes.
      const base = launched && { ...emptyDocument(), state: launched.state, location: launched.location };
      doc = graded && kept && (!base || sequenceOf(kept.state) >= sequenceOf(base.state)) ? kept : (base ?? emptyDocument());
      return { graded, resumed: doc.state !== "", savedState: doc.state, location: doc.location, restoredFromCopy: false };
    },

    save(snapshot) {
      if (finished) return;
      // `experienced` is left as it was: the next session sends it when the learner is in the exercise.
      doc = { ...doc, ...snapshot, state: withSequence(snapshot.state, sequenceOf(doc.state) + 1) };
      copy.keep(doc);
    },

    record(check) {
      if (finished) return;
      checks = [...checks, check];
      unreported.keep(checks);
    },

    suspend: () => {},
    finish: () => void (finished = true),
  };
}
