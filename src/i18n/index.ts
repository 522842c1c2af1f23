import type { Lang } from "../content/types";
import { da } from "./da";
import { en } from "./en";

export type Strings = typeof da;

const table: Record<Lang, Strings> = { da, en };

export const strings = (lang: Lang): Strings => table[lang];
