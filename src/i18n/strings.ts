import type { da } from "./da";

/** The UI strings of one language: Danish (da.ts) has every key, and each other language the same. */
export type Strings = typeof da;
