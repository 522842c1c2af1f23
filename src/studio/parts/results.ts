/** results.js: Moodle's report readers (SheetJS for .xlsx and .ods), the figures and the page; loaded when the Results tab is given a file. */
import { makeResultsPage } from "../../results/makePage";
import { pickUnit } from "../../results/pickUnit";
import { readMoodleReport } from "../../results/readReport";
import { unitFromPackage } from "../../results/unitFromPackage";

const results = { readMoodleReport, pickUnit, makeResultsPage, unitFromPackage };
export type ResultsPart = typeof results;

(window.studioParts ??= {}).results = results;
