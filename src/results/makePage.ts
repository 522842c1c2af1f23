/**
 * A class's answers and their unit → the teacher's page, as the command writes it and the studio
 * shows and saves it: the figures, the page's HTML and the file name it gets. Pure.
 */
import type { Unit } from "../content/types";
import { analyse, type AnalyseOptions, type Figures } from "./analyse";
import { renderResultsPage } from "./page";
import type { ClassAnswers } from "./types";

export interface ResultsPage {
  figures: Figures;
  html: string;
  /** `<unit id>-<date>.html`. */
  fileName: string;
}

/** The local calendar day, as the page and its file name give it: 2026-12-06. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function makeResultsPage(unit: Unit, answers: ClassAnswers, options: AnalyseOptions, date: string): ResultsPage {
  const figures = analyse(unit, answers, options);
  return { figures, html: renderResultsPage(figures, date), fileName: `${unit.id}-${date}.html` };
}
