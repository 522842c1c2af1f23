/**
 * This browser's own store for what must outlive the page: the local copy of the learner's work and
 * the xAPI statement queue. IndexedDB first (through idb-keyval), because Moodle empties the whole
 * origin's localStorage at every new login, exactly when a copy is needed (scorm12.md §6), and
 * clears nothing in IndexedDB. Where IndexedDB is missing or refuses (some private modes, file://,
 * blocked storage) localStorage takes over, and memory (this page only) after that.
 *
 * Writes are fire-and-forget but keep their order: every operation is handed to the backend in call
 * order, and IndexedDB runs read-write transactions on one object store in the order they were
 * created, so a later write is never overtaken by an earlier one.
 */
import { createStore, del as idbDel, get as idbGet, set as idbSet, type UseStore } from "idb-keyval";

export type StoreKind = "indexeddb" | "localstorage" | "memory";

export interface LocalStore {
  /** The value kept under `key`, or undefined. Never rejects. */
  get<T>(key: string): Promise<T | undefined>;
  /** Keeps a JSON-safe value. Never rejects; call without awaiting. */
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Where values live, once the store has chosen. */
  kind(): Promise<StoreKind>;
}

interface Backend {
  kind: StoreKind;
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

function indexedDbBackend(dbName: string): Promise<Backend> {
  // createStore opens the database at once: it throws where there is no indexedDB at all.
  const store: UseStore = createStore(dbName, "keyval");
  const backend: Backend = {
    kind: "indexeddb",
    get: (key) => idbGet(key, store),
    set: (key, value) => idbSet(key, value, store),
    del: (key) => idbDel(key, store),
  };
  // One read proves the database opens (a blocked or private-mode IndexedDB rejects here).
  return backend.get("-").then(() => backend);
}

type Keyed = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** localStorage, or a Map behind the same three methods: values as JSON under `prefix` + key. */
const keyedBackend = (kind: StoreKind, storage: Keyed, prefix: string): Backend => ({
  kind,
  get: async (key) => {
    const text = storage.getItem(prefix + key);
    return text === null ? undefined : JSON.parse(text);
  },
  set: async (key, value) => storage.setItem(prefix + key, JSON.stringify(value)),
  del: async (key) => storage.removeItem(prefix + key),
});

export interface LocalStoreOptions {
  /** The fallback; null when the page has none. */
  storage?: Storage | null;
  /** Skip IndexedDB (tests of the fallback). */
  noIndexedDb?: boolean;
  log?: (message: string) => void;
}

/** One store per unit: `name` becomes the IndexedDB database name and the localStorage prefix. */
export function openLocalStore(name: string, opts: LocalStoreOptions = {}): LocalStore {
  const log = opts.log ?? ((m: string) => console.warn(`[store] ${m}`));
  const fallback = (): Backend => {
    const prefix = `${name}/`;
    try {
      // A refusing localStorage (full, blocked) throws here, not later.
      opts.storage!.setItem(prefix, "");
      opts.storage!.removeItem(prefix);
      return keyedBackend("localstorage", opts.storage!, prefix);
    } catch {
      log("no lasting storage: the copy lives for this page only");
      const map = new Map<string, string>();
      return keyedBackend("memory", { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) }, "");
    }
  };
  const backend: Promise<Backend> =
    opts.noIndexedDb || typeof indexedDB === "undefined"
      ? Promise.resolve(fallback())
      : (async () => indexedDbBackend(name))().catch((e: unknown) => {
          log(`IndexedDB refused: ${String(e)}`);
          return fallback();
        });

  // All operations hang off the same promise, so they reach the backend in call order.
  const guarded = <T>(op: (b: Backend) => Promise<T>, otherwise: T): Promise<T> =>
    backend.then(op).catch((e: unknown) => {
      log(String(e));
      return otherwise;
    });

  return {
    get: <T>(key: string) => guarded((b) => b.get(key) as Promise<T | undefined>, undefined),
    set: (key, value) => guarded((b) => b.set(key, value), undefined),
    del: (key) => guarded((b) => b.del(key), undefined),
    kind: () => backend.then((b) => b.kind),
  };
}
