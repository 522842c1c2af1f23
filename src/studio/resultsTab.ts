/**
 * The studio's Results tab: Moodle's Interactions report download and its unit in, the page
 * `npm run results` writes out (the same readers, figures and renderer, in results.js), shown in a
 * sandboxed frame and offered as a download under the command's file name. Nothing leaves the page.
 */
import type { Unit } from "../content/types";
import { extensionOf } from "../import/read";
import type { AttemptRule } from "../results/analyse";
import { localDate } from "../results/makePage";
import { unitFromContentFile } from "./contentFile";
import { loadPart } from "./parts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

interface Dropped {
  name: string;
  bytes: Uint8Array;
}

/** A unit file dropped in this tab: the unit, or the one line saying why it cannot be used. */
type UnitFile = { name: string; unit: Unit } | { name: string; problem: string };

/** A content file or a package is a unit; anything else is taken for a report. */
const isUnitFile = (name: string) => [".json", ".zip"].includes(extensionOf(name));

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface ResultsTab {
  /** The unit of the Make a unit tab, or null while it has none. */
  setMadeUnit(unit: Unit | null): void;
  /** Files dropped or chosen while the tab is shown. */
  take(files: File[]): Promise<void>;
}

export function startResultsTab(): ResultsTab {
  let report: Dropped | null = null;
  let unitFile: UnitFile | null = null;
  let madeUnit: Unit | null = null;
  let pageUrl: string | null = null;
  /** Each making of the page; a slower earlier one never overwrites a later one. */
  let generation = 0;

  const save = $<HTMLAnchorElement>("save-results");

  function clearPage(note: string) {
    if (pageUrl) URL.revokeObjectURL(pageUrl);
    pageUrl = null;
    save.removeAttribute("href");
    save.download = "";
    document.getElementById("results-frame")?.remove();
    $("results-out").hidden = true;
    $("results-none").textContent = note;
    $("results-none").hidden = false;
  }

  function problem(id: "report-problem" | "results-unit-problem", message: string) {
    $(id).textContent = message;
    $(id).hidden = false;
    clearPage("No page: see the line above.");
  }

  const options = () => ({
    attempt: ($<HTMLInputElement>("attempt-last").checked ? "last" : "highest") as AttemptRule,
    anonymous: $<HTMLInputElement>("anonymous").checked,
  });

  function describeUnit(): Unit | null {
    const line = $("results-unit");
    if (unitFile && "unit" in unitFile) {
      const u = unitFile.unit;
      line.textContent = `The unit: "${u.title}" (${u.id}, ${u.lang}, version ${u.version}), from ${unitFile.name}.`;
      return u;
    }
    if (unitFile) {
      line.textContent = `No unit: ${unitFile.name} cannot be used.`;
      return null;
    }
    if (madeUnit) {
      line.textContent = `The unit: "${madeUnit.title}" (${madeUnit.id}, ${madeUnit.lang}, version ${madeUnit.version}), the one under Make a unit.`;
      return madeUnit;
    }
    line.textContent = "No unit yet: make it under Make a unit, or drop its content file (.json) or the package you uploaded (.zip) here.";
    return null;
  }

  async function update() {
    const gen = ++generation;
    $("report-problem").hidden = true;
    const unit = describeUnit();
    if (unitFile && "problem" in unitFile) return problem("results-unit-problem", unitFile.problem);
    $("results-unit-problem").hidden = true;
    if (!report) return clearPage(unit ? "Missing: the report. Drop it under 1." : "Missing: the report (under 1) and the unit (under 2).");
    clearPage("Reading the report…");
    try {
      const part = await loadPart("results");
      const answers = part.readMoodleReport(report.bytes, report.name);
      if (!unit) {
        if (gen === generation) clearPage("Missing: the unit this report is about. Make it under Make a unit, or drop its content file (.json) or package (.zip) under 2.");
        return;
      }
      // One unit given, as with --unit: pickUnit takes it, as the command does.
      const picked = part.pickUnit([unit], answers, new Map([[unit, unitFile?.name ?? unit.id]]));
      const page = part.makeResultsPage(picked.unit, answers, { ...options(), place: "studio" }, localDate(new Date()));
      if (gen !== generation) return;
      pageUrl = URL.createObjectURL(new Blob([page.html], { type: "text/html;charset=utf-8" }));
      save.href = pageUrl;
      save.download = page.fileName;
      save.title = page.fileName;
      $("save-hint").textContent = `${page.fileName}: one HTML file; it opens from disk and prints on A4.${page.figures.anonymous ? " No learner names in it." : " It names learners: keep it where you keep the gradebook."}`;
      $("results-from").textContent = `From ${report.name} and the unit "${picked.unit.title}" (${picked.unit.id}, ${picked.unit.lang}).`;
      // A new frame for each page, sandboxed: the page runs no script and reaches nothing of the studio.
      const frame = document.createElement("iframe");
      frame.id = "results-frame";
      frame.title = "What your class got right and wrong";
      frame.sandbox.value = "";
      frame.srcdoc = page.html;
      $("results-out").append(frame);
      $("results-none").hidden = true;
      $("results-out").hidden = false;
    } catch (e) {
      if (gen === generation) problem("report-problem", messageOf(e));
    }
  }

  async function readUnit(file: Dropped): Promise<UnitFile> {
    try {
      if (extensionOf(file.name) === ".zip") return { name: file.name, unit: await (await loadPart("results")).unitFromPackage(file.bytes, file.name, "studio") };
      return { name: file.name, unit: unitFromContentFile(file.bytes, file.name) };
    } catch (e) {
      return { name: file.name, problem: messageOf(e) };
    }
  }

  async function take(files: File[]) {
    for (const file of files) {
      const dropped = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
      if (isUnitFile(file.name)) unitFile = await readUnit(dropped);
      else report = dropped;
    }
    await update();
  }

  for (const id of ["report-file", "results-unit-file"]) {
    const input = $<HTMLInputElement>(id);
    input.addEventListener("change", () => void take([...(input.files ?? [])]));
  }
  for (const id of ["attempt-highest", "attempt-last", "anonymous"]) $(id).addEventListener("change", () => void update());

  return {
    setMadeUnit(unit) {
      madeUnit = unit;
      if (!unitFile) void update();
    },
    take,
  };
}
