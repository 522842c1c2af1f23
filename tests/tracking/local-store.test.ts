// @vitest-environment jsdom
/**
 * The store behind the local copy and the statement queue: IndexedDB (fake-indexeddb under jsdom),
 * and the fallbacks when IndexedDB is missing or refuses.
 */
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLocalStore } from "../../src/tracking/localStore";
import { memoryStorage } from "../support/memoryStorage";

const g = globalThis as unknown as { indexedDB?: unknown };
let logs: string[];
beforeEach(() => {
  g.indexedDB = new IDBFactory(); // a fresh, empty IndexedDB per test
  logs = [];
});
afterEach(() => {
  delete g.indexedDB;
});
const log = (m: string) => logs.push(m);

describe("local store", () => {
  it("keeps values in IndexedDB, where a localStorage.clear() (Moodle's login) does not reach", async () => {
    const storage = memoryStorage();
    const first = openLocalStore("pm:unit", { storage, log });
    void first.set("a", { seq: 3, state: "x" });
    expect(await first.kind()).toBe("indexeddb");
    storage.clear();
    const again = openLocalStore("pm:unit", { storage, log });
    expect(await again.get("a")).toEqual({ seq: 3, state: "x" });
    expect(storage.length).toBe(0);
    expect(logs).toEqual([]);
  });

  it("keeps the order of fire-and-forget writes: the last one wins, a delete after a write sticks", async () => {
    const store = openLocalStore("pm:order", { log });
    for (let i = 0; i < 50; i++) void store.set("k", i);
    expect(await store.get("k")).toBe(49);
    void store.set("gone", 1);
    void store.del("gone");
    void store.set("k", "last");
    const again = openLocalStore("pm:order", { log });
    expect(await again.get("gone")).toBeUndefined();
    expect(await again.get("k")).toBe("last");
  });

  it("different databases (units) do not see each other's values", async () => {
    void openLocalStore("pm:one", { log }).set("k", 1);
    expect(await openLocalStore("pm:two", { log }).get("k")).toBeUndefined();
    expect(await openLocalStore("pm:one", { log }).get("k")).toBe(1);
  });

  it.each([
    ["missing", () => void delete g.indexedDB],
    [
      "throwing on open (a private mode)",
      () => {
        g.indexedDB = { open: () => { throw new DOMException("blocked", "InvalidStateError"); } };
      },
    ],
  ])("falls back to localStorage when IndexedDB is %s", async (_name, breakIt) => {
    breakIt();
    const storage = memoryStorage();
    const store = openLocalStore("pm:unit", { storage, log });
    void store.set("a", { seq: 1 });
    expect(await store.kind()).toBe("localstorage");
    expect(JSON.parse(storage.getItem("pm:unit/a")!)).toEqual({ seq: 1 });
    expect(await openLocalStore("pm:unit", { storage, log }).get("a")).toEqual({ seq: 1 });
    void store.del("a");
    expect(await store.get("a")).toBeUndefined();
  });

  it("falls back to memory when localStorage refuses too, and never rejects", async () => {
    delete g.indexedDB;
    const refusing = { ...memoryStorage(), setItem: () => { throw new DOMException("full", "QuotaExceededError"); } } as Storage;
    const store = openLocalStore("pm:unit", { storage: refusing, log });
    await store.set("a", [1, 2]);
    expect(await store.kind()).toBe("memory");
    expect(await store.get("a")).toEqual([1, 2]);
    expect(logs.join()).toMatch(/this page only/);
  });

  it("a corrupt localStorage value reads as nothing", async () => {
    delete g.indexedDB;
    const storage = memoryStorage();
    storage.setItem("pm:unit/a", "{not json");
    const store = openLocalStore("pm:unit", { storage, log });
    expect(await store.get("a")).toBeUndefined();
  });
});
