/**
 * The real downloads of Moodle 4.5.6's Interactions report (text, Excel, ODS) give exactly the
 * figures ground-truth.json implies; the attempt rules; the command's page, summary and --json.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { analyse, type Figures } from "../../src/results/analyse";
import { readMoodleReport } from "../../src/results/readReport";
import { readTabSeparated } from "../../src/results/readText";
import { runTs } from "../support/project";
import { peerMentoring } from "../support/unit";
import { EXPORTS, expectedFigures, groundTruth, observed } from "./groundTruth";

const unit = peerMentoring();
const gt = groundTruth();
const FORMATS = ["interactions.csv", "interactions.xlsx", "interactions.ods"];
const bytes = (name: string) => new Uint8Array(readFileSync(join(EXPORTS, name)));

describe("Moodle's Interactions report", () => {
  it.each(FORMATS)("%s gives the figures of the ground truth (highest attempt)", (name) => {
    const figures = analyse(unit, readMoodleReport(bytes(name), name), { attempt: "highest" });
    expect(observed(figures)).toEqual(expectedFigures(gt, "highest"));
    expect(figures.otherAnswers).toEqual({ count: 0, ids: [] });
    // learner08 placed 6 cards and learner10 11 without an accepted check: nothing of it reaches Moodle.
    expect(figures.notChecked.names.sort()).toEqual(["Emil Rasmussen", "Noah Christiansen"]);
    expect(figures.noAttempt.names.sort()).toEqual(["Student One", "Teacher One"]);
    // Hardest first: the three cards learners 04–06 and 07 put wrong, each right for half the class.
    expect(figures.cards.slice(0, 3).map((c) => [c.text, c.shareLast, c.wrong[0]?.label])).toEqual([
      ["Selvtillid", 0.5, "Mentee"],
      ["Empati", 0.5, "Mentee"],
      ["Personlig vækst", 0.5, "Mentor"],
    ]);
  });

  it("counts learner09's best attempt, or with --attempt last the last one, when the later attempt is the worse", () => {
    // The real download, with learner09's two attempts numbered the other way round: the all-right
    // attempt first, the 8-right one last.
    const rows = readTabSeparated(readFileSync(join(EXPORTS, "interactions.csv"), "utf8"));
    const attemptCol = rows[0]!.indexOf("Attempt");
    for (const row of rows) if (row[1] === "learner09@example.com") row[attemptCol] = row[attemptCol] === "1" ? "2" : "1";
    const text = rows.map((r) => r.map((c) => (/[\s"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join("\t")).join("\n") + "\n";
    const answers = readMoodleReport(new TextEncoder().encode(text), "swapped.csv");
    const order = { learner09: [2, 1] };
    const highest = analyse(unit, answers, { attempt: "highest" });
    const last = analyse(unit, answers, { attempt: "last" });
    expect(observed(highest)).toEqual(expectedFigures(gt, "highest", order));
    expect(observed(last)).toEqual(expectedFigures(gt, "last", order));
    expect(highest.distribution[15]).toBe(4);
    expect(last.distribution[15]).toBe(3);
    expect(last.distribution[8]).toBe(1);
    // In the real download the all-right attempt is also the last: both rules agree there.
    const real = readMoodleReport(bytes("interactions.csv"), "interactions.csv");
    expect(observed(analyse(unit, real, { attempt: "last" }))).toEqual(observed(analyse(unit, real, { attempt: "highest" })));
  });

  it("counts answers to cards this version does not have apart, and names them", () => {
    const text = readFileSync(join(EXPORTS, "interactions.csv"), "utf8").replace(/card_empati\b/g, "card_empathy");
    const figures = analyse(unit, readMoodleReport(new TextEncoder().encode(text), "renamed.csv"), { attempt: "highest" });
    expect(figures.otherAnswers).toEqual({ count: 9, ids: ["card_empathy"] });
    expect(figures.cards.find((c) => c.id === "empati")!.learners).toBe(0);
  });
});

describe("npm run results (the command)", () => {
  let out: string;
  afterEach(() => rmSync(out, { recursive: true, force: true }));
  const run = (...args: string[]) => {
    out = mkdtempSync(join(tmpdir(), "results-"));
    return runTs(".", "src/results/cli.ts", ...args, "--out", join(out, "page"));
  };
  const pageOf = () => {
    const files = readdirSync(join(out, "page"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^peer-mentoring-\d{4}-\d{2}-\d{2}\.html$/);
    return readFileSync(join(out, "page", files[0]!), "utf8");
  };

  it.each(FORMATS)("%s: --json prints only the figures, and the page is self-contained, with names", (name) => {
    const r = run(join(EXPORTS, name), "--json");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as Figures & { page: string };
    expect(observed(json)).toEqual(expectedFigures(gt, "highest"));
    expect(json.unit).toEqual({ id: "peer-mentoring", title: "Peer Mentoring", lang: "da", version: unit.version });
    expect(json.attemptRule).toBe("highest");
    const html = pageOf();
    expect(json.page).toBe(join(out, "page", readdirSync(join(out, "page"))[0]!));
    // Loads nothing: no script, no stylesheet or image from anywhere, every picture inline.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import/i);
    expect(html.match(/https?:\/\/[^"\s<]+/g)).toEqual(["http://www.w3.org/2000/svg", "http://www.w3.org/2000/svg"]);
    expect(html).toContain("Selvtillid");
    expect(html).toContain("Har ikke tjekket svar endnu: Emil Rasmussen og Noah Christiansen.");
    expect(html).toContain("For hver deltager tæller det bedste forsøg");
    expect(html).not.toContain("card_");
    // The summary went to standard error, in the unit's language.
    expect(r.stderr).toContain("Selvtillid: 50 % rigtige; 50 % lagde det i Mentee");
  });

  it("without --json prints the summary; --anonymous leaves every name out; --attempt last is said on the page", () => {
    const plain = run(join(EXPORTS, "interactions.xlsx"));
    expect(plain.status).toBe(0);
    expect(plain.stdout.split("\n").slice(0, 4)).toEqual([
      "Peer Mentoring: klassens resultater: 12 deltagere, 11 forsøg; 8 har tjekket deres svar.",
      "For hver deltager tæller det bedste forsøg (Moodles standard, “Højeste forsøg”).",
      "Har ikke tjekket svar endnu: Emil Rasmussen og Noah Christiansen.",
      "Intet forsøg: Student One og Teacher One.",
    ]);
    // The report does not say the learners' language: the first edition is used, the other offered.
    expect(plain.stdout).toContain("Siden på engelsk: --unit content/peer-mentoring.en.json");
    rmSync(out, { recursive: true, force: true });

    const anon = run(join(EXPORTS, "interactions.ods"), "--json", "--anonymous", "--attempt", "last");
    expect(anon.status).toBe(0);
    const html = pageOf();
    const everyName = [...gt.learners.map((l) => l.fullname), "Student One", "Teacher One"];
    for (const text of [html, anon.stdout, anon.stderr]) {
      for (const name of everyName) for (const part of name.split(" ")) expect(text).not.toContain(part);
      expect(text).not.toContain("@example.com");
    }
    expect(html).toContain("Har ikke tjekket svar endnu: 2.");
    expect(html).toContain("For hver deltager tæller det sidste forsøg med tjekkede svar");
    expect(JSON.parse(anon.stdout).notChecked).toEqual({ count: 2, names: [] });
  });

  it("reads the unit from a built zip, or another edition's content file (the page in English)", () => {
    const fromZip = run(join(EXPORTS, "interactions.csv"), "--json", "--unit", "dist/peer-mentoring-scorm12.zip");
    expect(fromZip.status).toBe(0);
    expect(observed(JSON.parse(fromZip.stdout))).toEqual(expectedFigures(gt, "highest"));
    rmSync(out, { recursive: true, force: true });

    const en = run(join(EXPORTS, "interactions.csv"), "--unit", "content/peer-mentoring.en.json");
    expect(en.status).toBe(0);
    const html = pageOf();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Peer Mentoring: class results");
    expect(html).toContain("For each learner the best attempt counts");
    expect(en.stdout).toContain("Not checked yet: Emil Rasmussen and Noah Christiansen.");
  });
});

