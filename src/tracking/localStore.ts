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
  return backend.get("-probe-").then(() => backend);
}

function localStorageBackend(prefix: string, storage: Storage): Backend {
  const probe = `${prefix}-probe-`;
  storage.setItem(probe, "1");
  storage.removeItem(probe);
  return {
    kind: "localstorage",
    get: async (key) => {
      const text = storage.getItem(prefix + key);
      return text === null ? undefined : JSON.parse(text);
    },
    set: async (key, value) => storage.setItem(prefix + key, JSON.stringify(value)),
    del: async (key) => storage.removeItem(prefix + key),
  };
}

function memoryBackend(): Backend {
  const map = new Map<string, string>();
  return {
    kind: "memory",
    get: async (key) => (map.has(key) ? JSON.parse(map.get(key)!) : undefined),
    set: async (key, value) => void map.set(key, JSON.stringify(value)),
    del: async (key) => void map.delete(key),
  };
}

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
    try {
      if (opts.storage) return localStorageBackend(`${name}/`, opts.storage);
    } catch {
      /* storage refused */
    }
    log("no lasting storage in this browser: the local copy lives for this page only");
    return memoryBackend();
  };
  const backend: Promise<Backend> = (async () => {
    if (opts.noIndexedDb || typeof indexedDB === "undefined") return fallback();
    try {
      return await indexedDbBackend(name);
    } catch (e) {
      log(`IndexedDB refused (${String(e)}); using the fallback`);
      return fallback();
    }
  })();

  const guarded = <T>(what: string, op: (b: Backend) => Promise<T>, otherwise: T): Promise<T> =>
    // All operations hang off the same promise, so they reach the backend in call order.
    backend.then(op).catch((e: unknown) => {
      log(`${what} failed: ${String(e)}`);
      return otherwise;
    });

  return {
    get: <T>(key: string) => guarded(`reading ${key}`, (b) => b.get(key) as Promise<T | undefined>, undefined),
    set: (key, value) => guarded(`writing ${key}`, (b) => b.set(key, value), undefined),
    del: (key) => guarded(`deleting ${key}`, (b) => b.del(key), undefined),
    kind: () => backend.then((b) => b.kind),
  };
}
