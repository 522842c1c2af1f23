/**
 * A downloaded Moodle Interactions report in any of its three formats, told apart by its bytes
 * (the name may have been changed): .xlsx and .ods are zips, "text format" is TAB-separated text.
 */
import { readInteractionsReport } from "./moodleReport";
import { isCompoundFile, isZip } from "../import/signatures";
import { readSpreadsheet } from "./readSpreadsheet";
import { readTabSeparated } from "./readText";
import { ResultsError, type ClassAnswers } from "./types";

export function readMoodleReport(bytes: Uint8Array, name: string): ClassAnswers {
  if (bytes.length === 0) throw new ResultsError(`${name} is empty: download the Interactions report from Moodle again`);
  if (isZip(bytes) || isCompoundFile(bytes)) return readInteractionsReport(readSpreadsheet(bytes, name), name);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ResultsError(`${name} is neither a spreadsheet nor UTF-8 text: download the Interactions report from Moodle again`);
  }
  return readInteractionsReport(readTabSeparated(text), name);
}
