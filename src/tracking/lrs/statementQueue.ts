/**
 * Statements on their way to the LRS. Each is kept in this browser's store (localStore.ts: IndexedDB,
 * which an LMS's own pages do not wipe) from the moment it is made until the LRS accepted it, so a failing or offline LRS, a reload or a closed tab loses nothing. Sending
 * is idempotent (statement ids are ours): a retry after a lost answer cannot create a duplicate.
 */
import { browserClock, type Clock } from "../clock";
import type { LocalStore } from "../localStore";
import type { Statement } from "./xapiStatements";

/** Sends a batch; resolves when the LRS accepted it, rejects with the HTTP status (0: no answer). */
export type SendBatch = (statements: Statement[]) => Promise<void>;

export interface StatementQueue {
  /** Takes over what earlier pages left unsent, ahead of anything added meanwhile. */
  load(): Promise<void>;
  add(statement: Statement): void;
  /** Sends everything waiting, after any send in flight. */
  flush(): Promise<void>;
  /**
   * Sends everything waiting at once, even with a send in flight: at page close there is no
   * "after". What is already on its way is not sent again.
   */
  flushNow(): void;
  stop(): void;
}

export interface QueueOptions {
  send: SendBatch;
  store: LocalStore;
  key: string;
  /** True once a send was refused or got no answer while statements wait; false when they went. */
  onPending: (failing: boolean) => void;
  log: (message: string) => void;
  clock?: Clock;
  backoffMs?: readonly number[];
  /**
   * Which statements left by earlier pages this page may still send (cmi5: only those of its own
   * session, with whose token they may go); the others are dropped, and logged. Default: all.
   */
  keeps?: (statement: Statement) => boolean;
}

export function createStatementQueue(opts: QueueOptions): StatementQueue {
  const clock = opts.clock ?? browserClock;
  const backoff = opts.backoffMs ?? [1_000, 3_000, 10_000, 30_000, 60_000];
  let queue: Statement[] = [];
  let failures = 0;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function load(): Promise<void> {
    const kept = await opts.store.get<unknown>(opts.key);
    const valid = Array.isArray(kept) ? (kept as Statement[]).filter((s) => s && typeof s.id === "string") : [];
    const earlier = valid.filter((s) => opts.keeps?.(s) ?? true);
    if (earlier.length < valid.length) opts.log(`${valid.length - earlier.length} unsent statement(s) of another session dropped`);
    const ids = new Set(queue.map((s) => s.id));
    queue = [...earlier.filter((s) => !ids.has(s.id)), ...queue];
    if (earlier.length < valid.length) keep();
    // Left unsent is not refused: they go with the next send, and only a failure there is reported.
  }
  // Written in order by the store; a store that refuses leaves the queue living for this page.
  const keep = () => void (queue.length === 0 ? opts.store.del(opts.key) : opts.store.set(opts.key, queue));

  const retryLater = () => {
    if (stopped || timer !== null) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void flush();
    }, backoff[Math.min(failures - 1, backoff.length - 1)]!);
  };

  /** After a batch was refused, statements go one by one, so one bad statement cannot sink others. */
  let oneByOne = false;

  const remove = (batch: Statement[]) => {
    const ids = new Set(batch.map((s) => s.id));
    queue = queue.filter((s) => !ids.has(s.id));
    keep();
  };

  /**
   * Ids on their way: never sent again while so. A second send of a batch still in flight (flushNow
   * at page close, ~100 ms after a check) is a duplicate a strict cmi5 LMS refuses, with `terminated`.
   */
  const inFlight = new Set<string>();

  async function attempt(): Promise<void> {
    const waiting = queue.filter((s) => !inFlight.has(s.id));
    const batch = waiting.slice(0, oneByOne ? 1 : waiting.length);
    if (batch.length === 0) return;
    batch.forEach((s) => inFlight.add(s.id));
    try {
      await opts.send(batch).finally(() => batch.forEach((s) => inFlight.delete(s.id)));
      remove(batch);
      failures = 0;
    } catch (e) {
      const status = typeof e === "object" && e && "status" in e ? Number((e as { status: unknown }).status) : 0;
      // 401/403 on a statement: a strict LMS refuses it (another session's, after `terminated`).
      const refused = status === 400 || status === 401 || status === 403;
      if ((refused || status === 409) && batch.length > 1) {
        oneByOne = true;
        return attempt();
      }
      if (status === 409) {
        // The LRS already holds a statement with this id: an earlier send got through.
        remove(batch);
      } else if (refused) {
        // Sending it again cannot help, and it must not hold back the statements after it.
        opts.log(`LRS refused statement ${batch[0]!.id} (${status}); it is dropped`);
        remove(batch);
      } else {
        failures++;
        opts.log(`LRS did not take ${batch.length} statement(s) (${status || "no answer"}); retry ${failures}`);
        retryLater();
      }
    }
    // "Not saved" means the LRS failed us, not that a statement is merely on its way.
    opts.onPending(failures > 0 && queue.length > 0);
    if (oneByOne && failures === 0 && queue.length > 0) return attempt();
  }

  /** One send at a time; statements added meanwhile go in the next batch of the same run. */
  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await attempt();
      } while (again && failures === 0 && queue.length > 0);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    load,
    add(statement) {
      queue.push(statement);
      keep();
    },
    flush,
    flushNow: () => void attempt(),
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
