/**
 * What to write as the session's time before each store, so that teachers see a true total in an
 * LMS that adds it once per session and in one that adds it at every store. Shared by the SCORM
 * adapters (each writes it in its own format).
 *
 * - Moodle (and the SCORM spec, and scorm-again) replace session_time within a session: Moodle never
 *   posts it with LMSCommit, and only LMSFinish adds the last value to the total it loaded at launch
 *   (scorm12.md §4.2). There the value is the time so far, written before every commit too, so
 *   whatever store is the last to get through carries the session's true time.
 * - Chamilo adds session_time to the total at every store, LMSCommit and LMSFinish alike, and loses
 *   what is written while the page unloads (scorm12.md §8). There each store carries only the time
 *   since the previous one: the sum is the true total, and a store cut off at page exit loses only
 *   its own few seconds, not the session.
 */

/** Chamilo 1.11 gives total_time back as "00 : 00 : 00" (spaces): no valid CMITimespan/ISO duration. */
export function addsAtEveryStore(totalTime: string, valid: RegExp): boolean {
  return totalTime !== "" && !valid.test(totalTime);
}

/** Seconds to report at each store; `now` in ms. */
export function sessionTimeReporter(startedAt: number, additive: boolean): (now: number) => number {
  let from = startedAt;
  return (now) => {
    const seconds = Math.max(0, now - from) / 1000;
    // Chamilo answers every store "true" at once, so a store handed over counts as added.
    if (additive) from = now;
    return seconds;
  };
}
