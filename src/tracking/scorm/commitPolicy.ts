/**
 * When to commit. Every change reaches the LMS within a few seconds, whatever happens at page exit:
 * ILIAS sends the last save of a closing page as a background request the browser may cancel, and
 * Chamilo drops what is written while the page unloads (scorm12.md §8, §9). So a change is committed
 * once the learner has paused for `debounceMs` (a burst of placements is one commit, never one per
 * card), and at the latest `maxWaitMs` after the first change not yet committed (a learner who never
 * pauses). Milestones (launch, each check) commit at once, and a page being hidden commits what
 * waits. Moodle's LMSCommit is a synchronous request that freezes the page: that is why the bursts
 * are gathered. A failed commit is retried with growing pauses until it succeeds; `onPending` tells
 * the UI whether something is not saved: a commit that failed, never one that is only waiting.
 */
import { browserClock, type Clock } from "../clock";

/** The learner's pause after which waiting changes are committed. */
export const DEBOUNCE_MS = 2_000;
/** The longest a change waits while the learner keeps changing things without a pause. */
export const MAX_WAIT_MS = 30_000;
/** Pauses between retries of a failed commit; the last one repeats. */
export const BACKOFF_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000, 60_000];

export interface CommitPolicyOptions {
  /** Sends what is pending; true when the LMS confirmed it. */
  commit: () => boolean;
  onPending: (pending: boolean) => void;
  clock?: Clock;
  debounceMs?: number;
  maxWaitMs?: number;
  backoffMs?: readonly number[];
}

export interface CommitPolicy {
  /** Something changed that can wait a moment (a placement): committed after the learner's next pause. */
  changed(): void;
  /** A milestone (launch, check): commit now. Returns whether the LMS confirmed. */
  milestone(): boolean;
  /** The page is being hidden: commit now if anything is waiting. */
  flush(): void;
  /** No more commits from here (the session is finishing); cancels timers. */
  stop(): void;
}

export function createCommitPolicy(opts: CommitPolicyOptions): CommitPolicy {
  const clock = opts.clock ?? browserClock;
  const debounceMs = opts.debounceMs ?? DEBOUNCE_MS;
  const maxWaitMs = opts.maxWaitMs ?? MAX_WAIT_MS;
  const backoff = opts.backoffMs ?? BACKOFF_MS;
  /** Since when a change has waited for a commit (null: nothing waits). */
  let waitingSince: number | null = null;
  let failures = 0;
  let timer: unknown = null;
  let stopped = false;

  const cancel = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const schedule = (ms: number) => {
    cancel();
    timer = clock.setTimeout(() => {
      timer = null;
      run();
    }, ms);
  };

  const run = (): boolean => {
    if (stopped) return false;
    cancel();
    const ok = opts.commit();
    if (ok) {
      failures = 0;
      waitingSince = null;
      opts.onPending(false);
    } else {
      waitingSince ??= clock.now();
      opts.onPending(true);
      schedule(backoff[Math.min(failures, backoff.length - 1)]!);
      failures++;
    }
    return ok;
  };

  return {
    changed() {
      if (stopped) return;
      const now = clock.now();
      waitingSince ??= now;
      if (failures > 0) return; // a retry is due and carries this change
      // Never commit inside the event itself: a milestone in the same event (the check saves the
      // state, then records) then carries both in one commit.
      schedule(Math.min(now + debounceMs, waitingSince + maxWaitMs) - now);
    },
    milestone: () => run(),
    flush() {
      if (waitingSince !== null) run();
    },
    stop() {
      stopped = true;
      cancel();
    },
  };
}
