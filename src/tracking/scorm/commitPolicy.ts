/**
 * When to commit. Moodle's LMSCommit is a synchronous request that freezes the page, so commits
 * happen at milestones only (launch, each check) and at most once per 30 s while the learner keeps
 * placing cards; but the first placements are committed after a few seconds, so that a session that
 * dies early (a Moodle logout in another tab) has already stored them. A failed commit is retried with growing pauses until it succeeds;
 * `onPending` tells the UI whether something is not yet saved.
 */
import { browserClock, type Clock } from "../clock";

export interface CommitPolicyOptions {
  /** Sends what is pending; true when the LMS confirmed it. */
  commit: () => boolean;
  onPending: (pending: boolean) => void;
  clock?: Clock;
  /** Shortest gap between two commits caused by placements. */
  throttleMs?: number;
  /** Delay of the commit after the first change while no change has been committed yet. */
  firstChangeMs?: number;
  /** Pauses between retries of a failed commit; the last one repeats. */
  backoffMs?: readonly number[];
}

export interface CommitPolicy {
  /** Something changed that can wait (a placement): committed soon if it is the first, else within 30 s. */
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
  const throttleMs = opts.throttleMs ?? 30_000;
  const firstChangeMs = opts.firstChangeMs ?? 3_000;
  /** A commit has carried a change since launch. */
  let changeCommitted = false;
  const backoff = opts.backoffMs ?? [2_000, 5_000, 15_000, 30_000, 60_000];
  let dirty = false;
  let failures = 0;
  let lastCommit = -Infinity;
  let timer: unknown = null;
  let stopped = false;

  const schedule = (ms: number) => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      run();
    }, ms);
  };

  const run = (): boolean => {
    if (stopped) return false;
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    lastCommit = clock.now();
    const ok = opts.commit();
    if (ok) {
      if (dirty) changeCommitted = true;
      failures = 0;
      dirty = false;
      opts.onPending(false);
    } else {
      dirty = true;
      opts.onPending(true);
      schedule(backoff[Math.min(failures, backoff.length - 1)]!);
      failures++;
    }
    return ok;
  };

  return {
    changed() {
      if (stopped) return;
      dirty = true;
      if (failures > 0 || timer !== null) return; // a retry or a trailing commit is already due
      // Never commit inside the event itself: a milestone in the same event (the check saves the state,
      // then records) then carries both in one commit.
      schedule(changeCommitted ? Math.max(0, lastCommit + throttleMs - clock.now()) : firstChangeMs);
    },
    milestone: () => run(),
    flush() {
      if (dirty) run();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
