import type { Lang } from "../content/types";
import { da } from "./da";
import { en } from "./en";
import type { Strings } from "./strings";

export type { Strings };

const table: Record<Lang, Strings> = { da, en };

/**
 * The build bundles one script per language and defines __UNIT_LANG__ in it (src/packaging/bundle.ts),
 * so a package carries only its own language's strings: the condition below is constant there and
 * the other language is dropped. In Node (the build's page rendering, tests) every language is here.
 */
declare const __UNIT_LANG__: Lang | undefined;

export const strings = (lang: Lang): Strings => (typeof __UNIT_LANG__ === "string" ? (__UNIT_LANG__ === "en" ? en : da) : table[lang]);
