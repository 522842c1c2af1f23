/**
 * Writing the learner's document to the LRS's State API: a short quiet time after the last change
 * (a burst of placements is one write, and the LRS holds every placement within seconds, never
 * waiting for page exit), at once when the page is hidden or closes, one write at a time so an
 * older document never lands after a newer one, and again with a growing pause when one fails.
 *
 * "Failing" is what the learner is told about: a write the LRS refused or did not answer (the LRS
 * client gives up after 10 s), or newer work in the LRS that this page must not overwrite. A write
 * merely waiting for its quiet time or on its way is not failing.
 */
import type { Clock } from "../clock";
import { lrsFailure } from "./lrsClient";
import type { StateDocument } from "./stateDocument";

/** The State API as the writer needs it (xapi.ts adapts the LRS client). */
export interface StateApi {
  /** The document the LRS holds, or null for none. Rejects when it cannot be read. */
  read(): Promise<StateDocument | null>;
  write(doc: StateDocument): Promise<void>;
}

export interface StateWriterOptions {
  api: StateApi;
  /** The document as it is now. */
  current: () => StateDocument;
  /** True when the LRS's document is newer than this page's (localCopy.ts's rule). */
  remoteIsNewer: (remote: StateDocument) => boolean;
  clock: Clock;
  log: (message: string) => void;
  debounceMs: number;
  onFailing: (failing: boolean) => void;
}

export interface StateWriter {
  /** The document changed: it is written after the quiet time. */
  changed(): void;
  /** Writes what waits now (the page is hidden). */
  flush(): void;
  /**
   * The session ends; no retry after. `hurry`: the page is going, so what waits is written now,
   * even beside a write on its way. Otherwise after the write on its way, so that an LMS that
   * refuses everything after `terminated` has the document first. Resolves when the LRS answered.
   */
  close(hurry: boolean): Promise<void>;
  /**
   * The launch could not read the LRS's document: before the first write it is read again, and
   * nothing is written over newer work (a write in the dark could replace saved progress with less).
   */
  readFirst(): void;
}

const retryPause = (failures: number) => Math.min(60_000, 1_000 * 3 ** Math.min(failures, 4));

export function createStateWriter(o: StateWriterOptions): StateWriter {
  let timer: unknown = null;
  /** Changes made, and the last change the LRS confirmed: a write is due while they differ. */
  let version = 0;
  let confirmed = 0;
  /** The write on its way, and the change it carries. */
  let inFlight: Promise<void> | null = null;
  let inFlightVersion = 0;
  let again = false;
  let failures = 0;
  let mustRead = false;
  /** The LRS holds newer work: this page's stays in this browser's copy, never written over it. */
  let remoteNewer = false;
  let closed = false;
  let failing = false;
  const setFailing = (f: boolean) => {
    if (f !== failing) o.onFailing((failing = f));
  };

  const later = (ms: number) => {
    if (timer !== null) o.clock.clearTimeout(timer);
    timer = o.clock.setTimeout(() => {
      timer = null;
      void writeNow(false);
    }, ms);
  };

  /** Reads the LRS's document when the launch could not: false when it holds newer work. */
  async function mayWrite(): Promise<boolean> {
    if (!mustRead) return true;
    const remote = await o.api.read();
    mustRead = false;
    if (remote && o.remoteIsNewer(remote)) {
      remoteNewer = true;
      o.log("the LRS holds newer work than this page: it is not overwritten; this page's work stays in this browser");
      setFailing(true);
      return false;
    }
    return true;
  }

  function write(): Promise<void> {
    const sent = (inFlight = send().finally(() => {
      if (inFlight === sent) inFlight = null;
    }));
    return sent.then(() => {
      if (again && !closed) {
        again = false;
        void writeNow(false);
      }
    });
  }

  async function send(): Promise<void> {
    const sending = (inFlightVersion = version);
    try {
      if (await mayWrite()) {
        await o.api.write(o.current());
        confirmed = Math.max(confirmed, sending);
        failures = 0;
        setFailing(false);
      }
    } catch (e) {
      failures++;
      o.log(`saving the state failed (${lrsFailure(e)}); retry ${failures}`);
      setFailing(true);
      if (!closed) later(retryPause(failures));
    }
  }

  const due = () => !remoteNewer && confirmed < version;

  function writeNow(hurry: boolean): Promise<void> {
    if (timer !== null) o.clock.clearTimeout(timer);
    timer = null;
    if (!due()) return Promise.resolve();
    // The write on its way already carries the latest change: another would only repeat it.
    if (inFlight && inFlightVersion === version) return inFlight;
    // One write at a time; when the page is going there is no "after", so it goes beside the one on its way.
    if (inFlight && !hurry) {
      again = true;
      return inFlight;
    }
    return write();
  }

  async function closeAfter(): Promise<void> {
    while (inFlight) await inFlight;
    if (due()) await write();
  }

  return {
    changed() {
      if (closed) return;
      version++;
      // A failed write's retry pause stays as it is; otherwise the quiet time starts again.
      if (failures === 0) later(o.debounceMs);
    },
    flush: () => void writeNow(false),
    close(hurry) {
      closed = true;
      if (timer !== null) o.clock.clearTimeout(timer);
      timer = null;
      return hurry ? writeNow(true) : closeAfter();
    },
    readFirst: () => void (mustRead = true),
  };
}
