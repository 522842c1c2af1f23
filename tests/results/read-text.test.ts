/** Moodle's text format as PHP's fputcsv writes it with a TAB: quoting only where needed. */
import { describe, expect, it } from "vitest";
import { readTabSeparated } from "../../src/results/readText";

describe("readTabSeparated", () => {
  it.each([
    ["plain fields, final newline", "a\tb\nc\td\n", [["a", "b"], ["c", "d"]]],
    ["quoted fields with spaces and doubled quotes", '"x y"\t"he said ""hi"""\tz\n', [["x y", 'he said "hi"', "z"]]],
    ["empty fields, CRLF, a trailing empty field", "a\t\tb\r\nc\t\n", [["a", "", "b"], ["c", ""]]],
    ["no final newline", "a\tb", [["a", "b"]]],
    ["nothing", "", []],
    ["a newline inside quotes", '"multi\nline"\tx\n', [["multi\nline", "x"]]],
    ["a byte order mark", "\uFEFFName\tScore\n", [["Name", "Score"]]],
  ])("%s", (_, text, rows) => {
    expect(readTabSeparated(text)).toEqual(rows);
  });
});
