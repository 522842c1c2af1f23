/**
 * Moodle's Excel (.xlsx) and ODS downloads, read with SheetJS (the only importer of it): the first
 * sheet's cells as text, row by row. Damaged, cut-short and password-protected files are named.
 */
import { read, utils } from "@e965/xlsx";
import { ResultsError } from "./types";

export function readSpreadsheet(bytes: Uint8Array, name: string): string[][] {
  let workbook;
  try {
    workbook = read(bytes, { type: "array", dense: true, cellDates: false, cellFormula: false, cellHTML: false, cellStyles: false, cellText: false, cellNF: false });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(why))
      throw new ResultsError(`${name} is password-protected: download it from Moodle again, or save it without a password`);
    throw new ResultsError(`${name} is damaged or cut short (${why}): download it from Moodle again`);
  }
  const first = workbook.SheetNames[0];
  const sheet = first === undefined ? undefined : workbook.Sheets[first];
  if (!sheet) return [];
  const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: "", raw: true, blankrows: false });
  return rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : String(v))));
}
