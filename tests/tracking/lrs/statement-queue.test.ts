/**
 * The statement queue on its own, with a send the test answers by hand: what goes in which batch,
 * what is dropped and what is kept.
 */
import { describe, expect, it } from "vitest";
import { openLocalStore } from "../../../src/tracking/localStore";
import { createStatementQueue } from "../../../src/tracking/lrs/statementQueue";
import type { Statement } from "../../../src/tracking/lrs/xapiStatements";
import { manualClock } from "../../support/clock";
import { memoryStorage } from "../../support/memoryStorage";

const statement = (id: string, session = "s1") =>
  ({ id, context: { extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": session } } }) as unknown as Statement;

/** A send the test settles: each call waits until the test answers it (ok, or an HTTP status). */
function manualSend() {
  const calls: { ids: string[]; answer(status?: number): void }[] = [];
  const send = (batch: Statement[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ ids: batch.map((s) => s.id), answer: (status) => (status === undefined ? resolve() : reject({ status })) });
    });
  return { calls, send };
}

function queueOn(storage: Storage, send: (b: Statement[]) => Promise<void>, logs: string[] = [], keeps?: (s: Statement) => boolean) {
  return createStatementQueue({
    send,
    store: openLocalStore("q", { storage, noIndexedDb: true }),
    key: "queue",
    onPending: () => {},
    log: (m) => logs.push(m),
    clock: manualClock(),
    keeps,
  });
}
const storedIds = (storage: Storage) => (JSON.parse(storage.getItem("q/queue") ?? "[]") as Statement[]).map((s) => s.id);

describe("statement queue", () => {
  it("flushNow at page close sends only what is not already on its way: no statement twice", async () => {
    const { calls, send } = manualSend();
    const q = queueOn(memoryStorage(), send);
    await q.load();
    q.add(statement("a"));
    q.add(statement("b"));
    void q.flush();
    await expect.poll(() => calls.length).toBe(1);
    q.add(statement("terminated"));
    q.stop();
    q.flushNow();
    await expect.poll(() => calls.length).toBe(2);
    q.flushNow(); // a second close event: everything is on its way
    expect(calls.map((c) => c.ids)).toEqual([["a", "b"], ["terminated"]]);
    calls[1]!.answer();
    calls[0]!.answer();
    await expect.poll(() => calls.length).toBe(2);
  });

  it.each([401, 403, 400])("a batch refused with %i goes one by one; the one refused statement is dropped and logged, the rest go", async (status) => {
    const storage = memoryStorage();
    const logs: string[] = [];
    const { calls, send } = manualSend();
    const q = queueOn(storage, send, logs);
    await q.load();
    ["a", "bad", "c"].forEach((id) => q.add(statement(id)));
    const done = q.flush();
    const answer = async (i: number, s?: number) => {
      await expect.poll(() => calls.length).toBeGreaterThan(i);
      calls[i]!.answer(s);
    };
    await answer(0, status);
    await answer(1);
    await answer(2, status);
    await answer(3);
    await done;
    expect(calls.map((c) => c.ids)).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
    expect(logs).toEqual([`LRS refused statement bad (${status}); it is dropped`]);
    await expect.poll(() => storage.getItem("q/queue")).toBeNull();
  });

  it("statements an earlier page left are taken over, except those `keeps` refuses (another session's): dropped and logged", async () => {
    const storage = memoryStorage();
    const first = queueOn(storage, () => Promise.reject({ status: 0 }));
    await first.load();
    first.add(statement("old-1", "s0"));
    first.add(statement("mine", "s1"));
    first.add(statement("old-2", "s0"));
    await expect.poll(() => storedIds(storage)).toEqual(["old-1", "mine", "old-2"]);
    const logs: string[] = [];
    const { calls, send } = manualSend();
    const next = queueOn(storage, send, logs, (s) => (s.context.extensions as Record<string, string>)["https://w3id.org/xapi/cmi5/context/extensions/sessionid"] === "s1");
    await next.load();
    expect(logs).toEqual(["2 unsent statement(s) of another session dropped"]);
    await expect.poll(() => storedIds(storage)).toEqual(["mine"]);
    void next.flush();
    await expect.poll(() => calls.map((c) => c.ids)).toEqual([["mine"]]);
  });
});
