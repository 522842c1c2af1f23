/**
 * Input that is not what the command needs gets one line naming what to do, exit code 1, and
 * nothing written: other Moodle downloads, another package's report, empty, cut-short and
 * password-protected files, a spreadsheet that is no report, wrong options.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utils, write } from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { runTs } from "../support/project";
import { encryptWorkbook } from "./encryptWorkbook";
import { EXPORTS } from "./groundTruth";

const dir = mkdtempSync(join(tmpdir(), "results-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const real = (name: string) => readFileSync(join(EXPORTS, name));
const file = (name: string, data: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

/** The real text download with its interactions turned into those of another SCORM package. */
const otherPackage = () =>
  real("interactions.csv")
    .toString("utf8")
    .replace(/"Peer Mentoring"/, '"Fire safety quiz"')
    .replace(/card_[a-z-]+/g, (id) => `q_${id.length}`)
    .replace(/\b(mentor|mentee|both)\b/g, "choice_b");

const randomSheet = () => {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet([["Item", "Price", "In stock"], ["Chair", 49.5, 12], ["Table", 199, 3]]), "Stock");
  return write(wb, { type: "buffer", bookType: "xlsx" }) as Uint8Array;
};

/** The real text download as Moodle writes it when "Summary of responses" is not ticked: no Response columns. */
const withoutResponses = () => {
  const rows = real("interactions.csv").toString("utf8").split("\n").map((line) => line.split("\t"));
  const keep = rows[0]!.map((h, i) => (/^"Response \d+"$/.test(h) ? -1 : i)).filter((i) => i >= 0);
  return rows.map((r) => keep.map((i) => r[i] ?? "").join("\t")).join("\n");
};

const headerOnly = () => real("interactions.csv").toString("utf8").split("\n")[0] + "\n";

const cases: [string, () => string[], RegExp][] = [
  ["the Basic report", () => [join(EXPORTS, "basic.csv")], /^.*basic\.csv is the Basic report, which holds no answers: .*tick "Summary of question", "Summary of responses", "Summary of right answer" and "Summary of result", press "Save preferences"/],
  ["a gradebook export", () => [join(EXPORTS, "gradebook.csv")], /gradebook\.csv is a gradebook export, which holds only scores: .*Interactions report/],
  ["a spreadsheet that is no report", () => [file("stock.xlsx", randomSheet())], /stock\.xlsx is not a Moodle SCORM Interactions report \(no Name, Attempt and Score columns\)/],
  ["the report of another package", () => [file("other.csv", otherPackage())], /none of the 135 answers is to a card of "Peer Mentoring" \(peer-mentoring\.da\): it is the report of another package/],
  ["an empty file", () => [file("empty.txt", "")], /empty\.txt is empty: download the Interactions report from Moodle again/],
  ["a report with no learner", () => [file("header-only.csv", headerOnly())], /header-only\.csv is empty: it lists no learner/],
  ["a cut-short .xlsx", () => [file("cut.xlsx", real("interactions.xlsx").subarray(0, 6000))], /cut\.xlsx is damaged or cut short \(.*\): download it from Moodle again/],
  ["a cut-short .ods", () => [file("cut.ods", real("interactions.ods").subarray(0, 3000))], /cut\.ods is damaged or cut short \(.*\): download it from Moodle again/],
  ["a password-protected .xlsx", () => [file("locked.xlsx", encryptWorkbook(real("interactions.xlsx"), "Lærer2026!"))], /locked\.xlsx is password-protected: download it from Moodle again, or save it without a password/],
  ["an Interactions report downloaded without \"Summary of responses\"", () => [file("no-responses.csv", withoutResponses())], /no-responses\.csv is an Interactions report without the learners' answers: .*tick .*"Summary of responses".*press "Save preferences"/],
  ["a file that is not there", () => [join(dir, "missing.txt")], /missing\.txt: file not found/],
  ["an unknown --attempt", () => [join(EXPORTS, "interactions.csv"), "--attempt", "best"], /--attempt best: choose highest \(Moodle's default\) or last/],
  ["a unit file that is not there", () => [join(EXPORTS, "interactions.csv"), "--unit", "content/nope.da.json"], /content\/nope\.da\.json: file not found/],
  ["--lrs without --auth", () => ["--lrs", "http://127.0.0.1:9/xapi/"], /--lrs needs --auth <user:password\|token>/],
];

describe("bad input: one line, nothing written", () => {
  it.each(cases)("%s", (_, args, message) => {
    const out = join(dir, "out");
    const r = runTs(".", "src/results/cli.ts", ...args(), "--out", out);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
