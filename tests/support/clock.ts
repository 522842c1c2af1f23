/** A manual clock for the commit policy: time moves only when the test says so. */
import type { Clock } from "../../src/tracking/clock";

export function manualClock(start = 1_000_000) {
  let t = start;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock & { advance(ms: number): void; pending(): number } = {
    now: () => t,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimeout(id) {
      timers = timers.filter((x) => x.id !== id);
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((x) => x !== due);
        t = due.at;
        due.fn();
      }
      t = end;
    },
    pending: () => timers.length,
  };
  return clock;
}
