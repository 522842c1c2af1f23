/**
 * The State API writer (src/tracking/lrs/stateWriter.ts) against a State API the test answers by hand:
 * a burst of changes is one write after the quiet time, one write at a time, "failing" only after a
 * refusal and until a write goes through, and the close writes what waits.
 */
import { describe, expect, it } from "vitest";
import { createStateWriter, type StateApi } from "../../../src/tracking/lrs/stateWriter";
import { emptyDocument, type StateDocument } from "../../../src/tracking/lrs/stateDocument";
import { manualClock } from "../../support/clock";

/** A State API whose writes wait until the test answers them, in order. */
function handAnswered() {
  const writes: { doc: StateDocument; answer: (ok: boolean) => void }[] = [];
  let open = 0;
  let mostOpen = 0;
  const api: StateApi = {
    read: async () => null,
    write: (doc) =>
      new Promise<void>((resolve, reject) => {
        open++;
        mostOpen = Math.max(mostOpen, open);
        writes.push({
          doc,
          answer: (ok) => {
            open--;
            if (ok) resolve();
            else reject(Object.assign(new Error("refused"), { status: 503 }));
          },
        });
      }),
  };
  return { api, writes, mostOpen: () => mostOpen };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

function writerOn(api: StateApi) {
  const clock = manualClock();
  let doc = emptyDocument();
  const failing: boolean[] = [];
  const writer = createStateWriter({ api, current: () => doc, remoteIsNewer: () => false, clock, log: () => {}, debounceMs: 1_500, onFailing: (f) => failing.push(f) });
  const change = (state: string) => {
    doc = { ...doc, state };
    writer.changed();
  };
  return { writer, clock, change, failing };
}

/** A writer whose first write (document "a") is on its way, unanswered. */
async function firstWriteOnItsWay() {
  const lrs = handAnswered();
  const w = writerOn(lrs.api);
  w.change("a");
  w.writer.flush();
  await settle();
  return { lrs, ...w };
}

describe("the State API writer", () => {
  it("writes a burst of changes once, 1.5 s after the last one, and never says 'failing' while all goes through", async () => {
    const lrs = handAnswered();
    const { clock, change, failing } = writerOn(lrs.api);
    change("a");
    clock.advance(1_000);
    change("b");
    clock.advance(1_000);
    change("c");
    clock.advance(1_499);
    expect(lrs.writes).toHaveLength(0);
    clock.advance(1);
    await settle();
    expect(lrs.writes.map((w) => w.doc.state)).toEqual(["c"]);
    lrs.writes[0]!.answer(true);
    await settle();
    expect(failing).toEqual([]);
  });

  it("one write at a time: a change while one is on its way is written after it is answered, with the newest document", async () => {
    const { lrs, writer, clock, change } = await firstWriteOnItsWay();
    change("b");
    clock.advance(1_500);
    change("c");
    writer.flush();
    await settle();
    expect(lrs.writes.map((w) => w.doc.state)).toEqual(["a"]);
    lrs.writes[0]!.answer(true);
    await settle();
    await settle();
    expect(lrs.writes.map((w) => w.doc.state)).toEqual(["a", "c"]);
    expect(lrs.mostOpen()).toBe(1);
  });

  it("says 'failing' at the first refusal, before any retry, and no longer once the retry goes through", async () => {
    const { lrs, clock, failing } = await firstWriteOnItsWay();
    lrs.writes[0]!.answer(false);
    await settle();
    expect(failing).toEqual([true]);
    expect(lrs.writes).toHaveLength(1);
    clock.advance(3_000); // the first retry pause
    await settle();
    expect(lrs.writes).toHaveLength(2);
    lrs.writes[1]!.answer(true);
    await settle();
    expect(failing).toEqual([true, false]);
  });

  it("close without hurry waits for the write on its way, then writes what changed since, and resolves when answered", async () => {
    const { lrs, writer, change } = await firstWriteOnItsWay();
    change("b");
    let closed = false;
    void writer.close(false).then(() => (closed = true));
    await settle();
    expect(lrs.writes.map((w) => w.doc.state)).toEqual(["a"]);
    lrs.writes[0]!.answer(true);
    await settle();
    await settle();
    expect(lrs.writes.map((w) => w.doc.state)).toEqual(["a", "b"]);
    expect(closed).toBe(false);
    lrs.writes[1]!.answer(true);
    await settle();
    expect(closed).toBe(true);
  });

  it("close in a hurry (the page is going) writes at once, beside the write on its way", async () => {
    const { lrs, writer, change } = await firstWriteOnItsWay();
    change("b");
    void writer.close(true);
    await settle();
    expect(lrs.writes.map((w) => w.doc.state)).toEqual(["a", "b"]);
  });

  it("close with nothing changed since the last confirmed write writes nothing", async () => {
    const { lrs, writer } = await firstWriteOnItsWay();
    lrs.writes[0]!.answer(true);
    await settle();
    await writer.close(false);
    expect(lrs.writes).toHaveLength(1);
  });
});
