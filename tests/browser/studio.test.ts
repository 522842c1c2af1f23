/**
 * The studio (dist/studio/, written by the build), opened from disk in Chromium as a teacher opens
 * it: a document dropped or chosen gives the importer's report, the unit plays in a frame of Moodle's
 * size under the real SCORM 1.2 script, and every zip it offers is byte for byte what
 * `npm run import` + `npm run build` make from the same document and settings. Nothing it asks for
 * lies outside its own folder.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { PACKAGES, type PackageKind } from "../../src/packaging/packageNames";
import { STUDIO_FIRST_LOAD } from "../bench/sizes";
import { launchChromium } from "../support/browser";
import { clickPlace, LIVE_CARD, showSorting, zoneSel } from "../support/learner";
import { SECOND_TXT, seedDocx } from "../support/documents";
import { projectCopy, removeCopy, runTs } from "../support/project";

const STUDIO = resolve("dist/studio");
const STUDIO_URL = `file://${STUDIO}/index.html`;
const CLI = resolve("src/import/cli.ts");

interface CliResult {
  /** What `npm run import` printed. */
  report: string[];
  /** The zips `npm run build` wrote, by package. */
  zips: Record<PackageKind, Buffer>;
  /** The cards of the content file it wrote. */
  cards: { id: string; accept: string[] }[];
}

const copies: string[] = [];

/**
 * `npm run import -- <name> [args]` then `npm run build -- <unit id>` in a copy of the project without
 * its own units; `edit` changes the content file between the two, as an author would.
 */
function cliPackages(name: string, bytes: Uint8Array, args: string[] = [], edit?: (unit: Record<string, unknown>) => void): CliResult {
  const dir = projectCopy("studio-cli-");
  copies.push(dir);
  for (const lang of ["da", "en"]) removeCopy(join(dir, `content/peer-mentoring.${lang}.json`));
  writeFileSync(join(dir, name), bytes);
  const imported = runTs(dir, "src/import/cli.ts", name, ...args);
  if (imported.status !== 0) throw new Error(imported.stderr);
  const path = /→ (content\/\S+\.json)/.exec(imported.stdout)![1]!;
  const unit = JSON.parse(readFileSync(join(dir, path), "utf8")) as Record<string, unknown>;
  if (edit) {
    edit(unit);
    writeFileSync(join(dir, path), JSON.stringify(unit, null, 2));
  }
  const built = runTs(dir, "build.ts", unit.id as string);
  if (built.status !== 0) throw new Error(built.stderr);
  const zips = Object.fromEntries(PACKAGES.map((kind) => [kind, readFileSync(join(dir, "dist", `${unit.id}-${kind}.zip`))])) as CliResult["zips"];
  return { report: imported.stdout.trimEnd().split("\n"), zips, cards: unit.cards as CliResult["cards"] };
}

/** Byte for byte, each package. */
function expectSameZips(studio: Record<PackageKind, Buffer>, cli: Record<PackageKind, Buffer>) {
  for (const kind of PACKAGES) expect(studio[kind].equals(cli[kind]), `${kind} zip`).toBe(true);
}

/** The report lines both places print alike: all but the first (the file and, on the command line, the file written) and the two that point to where to go next. */
const shared = (lines: string[]) => lines.slice(1).filter((l) => !/^ {2}- (look at it|no mastery score)/.test(l));

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every URL the studio or its frame asked for, from the first test to the last. */
const requested: string[] = [];

let seed: Uint8Array;
const second = readFileSync(SECOND_TXT);

beforeAll(async () => {
  seed = await seedDocx();
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  context.on("request", (r) => requested.push(r.url()));
  page = await context.newPage();
  await page.goto(STUDIO_URL);
});
afterAll(async () => {
  await browser?.close();
  copies.forEach(removeCopy);
});

/** Chooses the file with the page's file picker. */
const choose = (name: string, bytes: Uint8Array) => page.setInputFiles("#file", { name, mimeType: "application/octet-stream", buffer: Buffer.from(bytes) });

/** Drops the file on the page, as from the desktop. */
const drop = (name: string, bytes: Uint8Array) =>
  page.evaluate(
    ({ name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name));
      document.getElementById("drop")!.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { name, data: [...bytes] },
  );

/** Waits until the downloads are offered for `unitId`, then downloads each package and returns its bytes. */
async function downloads(unitId: string): Promise<Record<PackageKind, Buffer>> {
  await expect.poll(() => page.locator("#download-scorm12").getAttribute("download")).toBe(`${unitId}-scorm12.zip`);
  await page.locator("#downloads").waitFor({ state: "visible" });
  const out = {} as Record<PackageKind, Buffer>;
  for (const kind of PACKAGES) {
    if (kind !== "scorm12" && !(await page.locator("#downloads details").evaluate((d: HTMLDetailsElement) => d.open))) await page.locator("#downloads summary").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`#download-${kind}`).click()]);
    expect(download.suggestedFilename()).toBe(`${unitId}-${kind}.zip`);
    out[kind] = readFileSync((await download.path())!);
  }
  return out;
}

/** Types into a settings field and leaves it, as a teacher does: the field's change runs the importer again. */
async function setField(selector: string, value: string) {
  await page.locator(selector).fill(value);
  await page.locator(selector).press("Tab");
}

/** The unit's frame, once its script is live. */
async function unitFrame(): Promise<Frame> {
  const frame = await (await page.waitForSelector("#unit")).contentFrame();
  if (!frame) throw new Error("no unit frame");
  await frame.waitForSelector(LIVE_CARD);
  return frame;
}

const reportLines = async () => (await page.locator("#report-lines").textContent())!.split("\n");
const frameCards = () => page.frameLocator("#unit").locator("[data-card]").count();

describe("the studio, opened from disk", () => {
  it("says the document stays on the computer, allows no connection (CSP connect-src 'none'), and first loads only its page, script and styles", async () => {
    await page.locator("#tab-make").waitFor();
    expect(requested.map((u) => u.slice(`file://${STUDIO}/`.length)).sort()).toEqual([...STUDIO_FIRST_LOAD].sort());
    expect(await page.locator(".privacy").textContent()).toContain("Your document never leaves this computer");
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(await page.locator("#downloads").isVisible()).toBe(false);
    expect(await page.locator('[role="tab"]').allTextContents()).toEqual(["Make a unit", "Results"]);
    // The place kept for reading Moodle's reports, one tab away (arrow keys too), and back.
    await page.locator("#tab-results").click();
    expect(await page.locator("#results-panel").isVisible()).toBe(true);
    expect(await page.locator("#make-panel").isVisible()).toBe(false);
    await page.keyboard.press("ArrowLeft");
    expect(await page.locator("#make-panel").isVisible()).toBe(true);
    expect(await page.locator("#tab-make").evaluate((t) => t === document.activeElement)).toBe(true);
  });

  it("the seed .docx: the report names 3 zones and 15 cards, the frame plays 15 cards, and each zip is the command line's", async () => {
    const cli = cliPackages("peer-mentoring.docx", seed);
    await choose("peer-mentoring.docx", seed);
    const zips = await downloads("peer-mentoring");
    const lines = await reportLines();
    expect(lines).toContain('zones      Mentor (mentor), Mentee (mentee), Begge (both), from "…: Mentor – mentee – begge" in the exercise description');
    expect(lines).toContain("cards      15:");
    expect(shared(lines)).toEqual(shared(cli.report));
    expect(await frameCards()).toBe(15);
    // The frame's unit talks to the page's LMS, as in Moodle: the CMI panel is one click away.
    await page.locator("#show-panel").click();
    await expect.poll(() => page.locator("#calls").textContent()).toContain('LMSInitialize("") → "true"');
    expect(await page.locator("#unit").evaluate((f) => [f.clientWidth, f.clientHeight])).toEqual([650, 660]);
    expectSameZips(zips, cli.zips);
  });

  it("settings (unit id, mastery score, version) give the zips of the command line's --id and a content file with them", async () => {
    const cli = cliPackages("peer-mentoring.docx", seed, ["--id", "mentoring-2"], (u) => {
      u.version = "1.1.0";
      u.masteryScore = 80;
    });
    await setField("#mastery-score", "80");
    await setField("#version", "1.1.0");
    await setField("#unit-id", "mentoring-2");
    const zips = await downloads("mentoring-2");
    expect(await reportLines()).toContain("unit id    mentoring-2 (as you set it), language da (from the headings)");
    await expect.poll(() => page.locator("#cmi-panel #mastery").textContent()).toBe("80"); // the LMS hands the frame the mastery score
    expectSameZips(zips, cli.zips);

    // The unit in the frame is the package's, talking to the page's LMS: a whole attempt, then a return.
    const frame = await unitFrame();
    await showSorting(frame);
    for (const card of cli.cards) await clickPlace(frame, card.id, card.accept[0]!);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => page.locator("#status").textContent()).toBe("passed");
    expect(await page.locator("#score-raw").textContent()).toBe("100");
    expect(await page.locator("#interactions tbody tr").count()).toBe(15);
    await page.locator("#relaunch").click();
    // Only the relaunched unit reads entry "resume"; then it puts the cards back where the learner left them.
    await expect.poll(() => page.locator("#calls").textContent()).toContain('LMSGetValue("cmi.core.entry") → "resume"');
    const again = await unitFrame();
    await expect.poll(() => again.locator(`${zoneSel(null)} [data-card]`).count()).toBe(0);
    expect(await again.locator(`${zoneSel("mentor")} [data-card]`).count()).toBe(cli.cards.filter((c) => c.accept[0] === "mentor").length);
  });

  it("a unit id the validator refuses: one line next to the id, nothing offered for download", async () => {
    await setField("#unit-id", "Mentoring 2");
    await expect.poll(() => page.locator("#id-problem").textContent()).toBe(
      'peer-mentoring.docx: id: "Mentoring 2" is not a valid unit id; use lowercase letters, digits and "-", starting with a letter, at most 64 characters (it names files and LMS identifiers)',
    );
    expect(await page.locator("#downloads").isVisible()).toBe(false);
    expect(await page.locator("#download-scorm12").getAttribute("href")).toBeNull();
  });

  it("a second, different unit (English, .txt) dropped on the page replaces the first: its report, its cards, the command line's zips", async () => {
    const cli = cliPackages("good-conversations.txt", second);
    await drop("good-conversations.txt", second);
    const zips = await downloads("good-conversations");
    const lines = await reportLines();
    expect(lines).toContain("unit id    good-conversations (from the title), language en (from the headings)");
    expect(shared(lines)).toEqual(shared(cli.report));
    expect(await page.locator("#lang").inputValue()).toBe("en");
    await expect.poll(frameCards).toBe(cli.cards.length);
    expect(await page.frameLocator("#unit").locator("html").getAttribute("lang")).toBe("en");
    expectSameZips(zips, cli.zips);
  });

  it("the Markdown seed (its reader loaded only now) gives the command line's zips too", async () => {
    const md = readFileSync("tests/fixtures/peer-mentoring.da.md");
    const cli = cliPackages("peer-mentoring.md", md);
    expect(requested.some((u) => u.endsWith("/markdown.js"))).toBe(false);
    await choose("peer-mentoring.md", md);
    const zips = await downloads("peer-mentoring");
    expect(requested.some((u) => u.endsWith("/markdown.js"))).toBe(true);
    expectSameZips(zips, cli.zips);
  });

  it("a content file (.json) gives the zips the build makes from it", async () => {
    const json = readFileSync("content/peer-mentoring.en.json");
    await choose("peer-mentoring.en.json", json);
    const zips = await downloads("peer-mentoring");
    // globalSetup built the real content: the English edition is dist/peer-mentoring.en-*.zip.
    for (const kind of PACKAGES) expect(zips[kind].equals(readFileSync(`dist/peer-mentoring.en-${kind}.zip`)), `${kind} zip`).toBe(true);
  });

  it("a corrupt .docx: the command line's one line next to the document, no unit, nothing offered for download", async () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("not really a zip")]);
    const dir = projectCopy("studio-broken-");
    copies.push(dir);
    writeFileSync(join(dir, "broken.docx"), broken);
    const cli = runTs(dir, CLI, "broken.docx");
    expect(cli.status).toBe(1);
    await choose("broken.docx", broken);
    await expect.poll(() => page.locator("#document-problem").textContent()).toBe(cli.stderr.trim());
    expect(cli.stderr.trim()).toBe("broken.docx: not a Word document (.docx) inside; open it in Word or LibreOffice and save it as .docx");
    expect(await page.locator("#downloads").isVisible()).toBe(false);
    expect(await page.locator("#report").isVisible()).toBe(false);
    for (const kind of PACKAGES) expect(await page.locator(`#download-${kind}`).getAttribute("href")).toBeNull();
  });

  it("what the document leaves open is asked in the studio's own boxes (no --lang, no --id): the line stands next to the box, which answers it", async () => {
    const shape = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));
    const mixed = shape(["Emne", "Two tongues", "Learning part", "• For A:", "  • a", "• For B:", "  • b", "Beskrivelse af øvelsen", "Sort: A – B"]);
    await choose("mixed.txt", mixed);
    await expect.poll(() => page.locator("#lang-problem").textContent()).toBe("mixed.txt: lang: cannot tell the language from the headings (da and en); choose it under Language");
    expect(await page.locator("#lang").isEnabled()).toBe(true);
    expect(await page.locator("#lang").inputValue()).toBe(""); // no language stands chosen: picking either is a change
    expect(await page.locator("#report").isVisible()).toBe(false); // nothing of the document before stays on show
    expect(await page.locator("#downloads").isVisible()).toBe(false);
    await page.locator("#lang").selectOption("da");
    await downloads("two-tongues");
    expect(await reportLines()).toContain("unit id    two-tongues (from the title), language da (as you set it)");
    expect(await page.locator("#lang-problem").isVisible()).toBe(false);

    const greek = shape(["Ωμέγα", "Læringsdel", "• For A:", "  • a", "• For B:", "  • b", "Beskrivelse af øvelsen", "Sort: A – B"]);
    await choose("greek.txt", greek);
    await expect.poll(() => page.locator("#id-problem").textContent()).toBe('greek.txt: id: cannot make a unit id from the title "Ωμέγα"; type one in the Unit id box (lowercase letters, digits and "-")');
    expect(await page.locator("#unit-id").isEnabled()).toBe(true);
    expect(await page.locator("#downloads").isVisible()).toBe(false);
    await setField("#unit-id", "omega");
    await downloads("omega");
    expect(await reportLines()).toContain("unit id    omega (as you set it), language da (from the headings)");
  });

  it("asked for nothing outside its own folder (no network, no other file)", () => {
    expect(requested.length).toBeGreaterThan(5);
    const outside = requested.filter((u) => !u.startsWith(`file://${STUDIO}/`) && !u.startsWith("blob:") && u !== "about:blank" && u !== "about:srcdoc");
    expect(outside).toEqual([]);
    // What a first visit loads, and what comes later only when needed:
    expect(requested.filter((u) => u.endsWith(".js")).map((u) => u.slice(`file://${STUDIO}/`.length))).toEqual(
      expect.arrayContaining(["studio.js", "docx.js", "packager.js", "kit.da.js", "kit.en.js", "scorm-again.js", "learner/scorm12.da.js", "learner/scorm12.en.js"]),
    );
  });
});
