/**
 * `npm run preview` as an author uses it: the server builds the units, prints its address, and the
 * page plays the LMS beside the unit. Runs in a throwaway copy of the project (its own dist/) on a
 * port the system chooses.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { cardSel, clickPlace, dragCard, LIVE_CARD, showSorting, zoneSel } from "../support/learner";

const ROOT = resolve(".");
let dir: string;
let preview: ChildProcessWithoutNullStreams;
let output = "";
let url: string;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/**
 * Starts `tsx src/preview/server.ts --port 0` and resolves with the address it prints (it builds
 * every package first: the hook's timeout decides how long that may take on a busy machine).
 */
function startPreview(cwd: string): Promise<string> {
  preview = spawn(process.execPath, ["--import", "tsx", "src/preview/server.ts", "--port", "0"], { cwd });
  preview.stdout.setEncoding("utf8");
  preview.stderr.setEncoding("utf8");
  return new Promise((done, fail) => {
    const read = (chunk: string) => {
      output += chunk;
      const m = /^Preview: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output);
      if (m) done(m[1]!);
    };
    preview.stdout.on("data", read);
    preview.stderr.on("data", read);
    preview.on("exit", (code) => fail(new Error(`preview exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "preview-"));
  for (const entry of ["build.ts", "imsmanifest.template.xml", "package.json", "tsconfig.json", "src", "content"]) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  url = await startPreview(dir);
  browser = await launchChromium();
});

afterAll(async () => {
  // The hook timed out before an address came: what the server printed says why.
  if (!url) console.error(`preview printed no address:\n${output}`);
  await browser?.close();
  if (preview && preview.exitCode === null) {
    const exited = new Promise((done) => preview.once("exit", done));
    preview.kill();
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The unit's frame once the given launch has loaded it (launches are counted in the call log). */
async function unitFrame(launch: number): Promise<Frame> {
  await page.locator("#calls li.launch", { hasText: `Launch ${launch}:` }).waitFor();
  const frame = (await (await page.waitForSelector("#sco")).contentFrame())!;
  await frame.waitForSelector(LIVE_CARD);
  return frame;
}

/** One answer per card, 14 of them right (sociale-faerdigheder belongs elsewhere). */
const ANSWERS: [string, string][] = [
  ["selveffektivitet", "mentee"], ["sociale-faerdigheder", "both"], ["forbindelse-til-peeren", "mentee"], ["beslutningstagning", "mentee"],
  ["stoerre-selvtillid", "mentee"], ["nye-perspektiver", "mentee"], ["begrundelsesevne", "mentor"], ["konflikthaandtering", "mentor"],
  ["selvtillid", "mentor"], ["empati", "mentor"], ["taalmodighed", "mentor"], ["organisatoriske-faerdigheder", "mentor"],
  ["personlige-netvaerk", "both"], ["personlig-vaekst", "both"], ["kommunikationsevner", "mentee"],
];

const panel = (id: string) => page.locator(`#${id}`).textContent();
const placedIn = (frame: Frame, card: string, zone: string | null) => frame.locator(`${zoneSel(zone)} ${cardSel(card)}`).count();

describe("npm run preview", () => {
  it("builds first, then prints the address it serves on 127.0.0.1", () => {
    expect(output).toMatch(/dist\/peer-mentoring-scorm12\.zip {2}[\d,]+ bytes/);
    expect(output).toMatch(/dist\/peer-mentoring\.en-scorm12\.zip {2}[\d,]+ bytes/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("serves only the preview, scorm-again, dist/ and its LRS, nothing outside", async () => {
    expect((await fetch(`${url}vendor/scorm12.js`)).status).toBe(200);
    expect((await fetch(`${url}dist/peer-mentoring.en/index.html`)).status).toBe(200);
    expect((await fetch(`${url}dist/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${url}package.json`)).status).toBe(404);
    // The LRS at /xapi/ wants the launch's credentials and, on the page's own origin, allows no other.
    const post = await fetch(`${url}xapi/statements`, { method: "POST", headers: { "x-experience-api-version": "1.0.3" }, body: "[]" });
    expect(post.status).toBe(401);
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
    expect(await (await fetch(`${url}preview-api/xapi`)).json()).toMatchObject({ statements: [], states: [] });
    const editions = (await (await fetch(`${url}editions.json`)).json()) as { name: string; lang: string }[];
    expect(editions.map((e) => [e.name, e.lang])).toEqual([
      ["peer-mentoring", "da"],
      ["peer-mentoring.en", "en"],
    ]);
  });

  it("shows the unit with the live LMS panel; a returning learner gets the placements back", async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    let frame = await unitFrame(1);
    expect(await page.locator("#edition option").allTextContents()).toEqual([
      "Peer Mentoring – da (peer-mentoring)",
      "Peer Mentoring – en (peer-mentoring.en)",
    ]);
    expect(await page.locator("#sco").evaluate((f) => [f.clientWidth, f.clientHeight])).toEqual([650, 660]);
    await expect.poll(() => panel("status")).toBe("incomplete");
    expect(await panel("entry")).toBe("ab-initio");

    // A few cards, dragged and clicked, as a learner places them.
    await showSorting(frame);
    await dragCard(page, frame, "empati", "mentor");
    await dragCard(page, frame, "personlig-vaekst", "both");
    await clickPlace(frame, "selveffektivitet", "mentee");
    await expect.poll(() => panel("suspend-data")).toMatch(/^pm2\.\w{3}\.0\.\w+\.(\w{5}){3}$/);
    const saved = await panel("suspend-data");
    expect(await panel("location")).toBe("exercise");
    expect(await panel("calls")).toContain('LMSSetValue("cmi.suspend_data", "' + saved + '") → "true"');

    await page.getByRole("button", { name: "Relaunch as returning learner" }).click();
    frame = await unitFrame(2);
    await expect.poll(() => placedIn(frame, "empati", "mentor")).toBe(1);
    expect(await placedIn(frame, "personlig-vaekst", "both")).toBe(1);
    expect(await placedIn(frame, "selveffektivitet", "mentee")).toBe(1);
    expect(await frame.locator(`${zoneSel(null)} [data-card]`).count()).toBe(12);
    expect(await panel("entry")).toBe("resume");
    expect(await panel("suspend-data")).toBe(saved);
    // The first session was finished as the frame was left (exit suspend), the second read the data back.
    expect(await panel("calls")).toContain('LMSSetValue("cmi.core.exit", "suspend") → "true"');
    expect(await panel("calls")).toContain(`LMSGetValue("cmi.suspend_data") → "${saved}"`);

    expect(await page.locator("#interactions tbody tr").count()).toBe(0);

    // Reset: a fresh LMS and a clean browser storage, so every card is back in the pool.
    await page.getByRole("button", { name: "Reset" }).click();
    frame = await unitFrame(3);
    await expect.poll(() => panel("entry")).toBe("ab-initio");
    expect(await frame.locator(`${zoneSel(null)} [data-card]`).count()).toBe(15);
    expect(await panel("suspend-data")).toBe("");
    expect(errors).toEqual([]);
  });

  it("completes a whole attempt: status, score and one interaction per card in the panel", async () => {
    const frame = await unitFrame(3);
    await showSorting(frame);
    for (const [card, zone] of ANSWERS) await clickPlace(frame, card, zone);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => panel("status")).toBe("completed");
    expect(await panel("score-raw")).toBe("93.33");
    expect(await page.locator("#interactions tbody tr").count()).toBe(15);
    expect(await page.locator("#interactions tbody tr td.wrong").count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("switches to the English edition, to no LMS, and offers xAPI only when it is built", async () => {
    await page.locator("#edition").selectOption("peer-mentoring.en");
    let frame = await unitFrame(4);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await frame.getByRole("button", { name: "Check answers" }).count()).toBe(1);
    await expect.poll(() => panel("status")).toBe("incomplete");
    expect(new URL(page.url()).searchParams.get("edition")).toBe("peer-mentoring.en");

    await page.getByRole("button", { name: "No LMS" }).click();
    frame = await unitFrame(5);
    expect(await frame.locator(".notice").first().textContent()).toBe("No connection to an LMS: your answers are saved in this browser only.");
    expect(await page.evaluate(() => "API" in window)).toBe(false);
    await clickPlace(frame, "empati", "mentor");
    await expect.poll(() => panel("suspend-data")).toContain("pm2.");
    await page.getByRole("button", { name: "Relaunch as returning learner" }).click();
    frame = await unitFrame(6);
    await expect.poll(() => placedIn(frame, "empati", "mentor")).toBe(1);

    const xapi = page.getByRole("button", { name: "xAPI" });
    const built = existsSync(join(dir, "dist/peer-mentoring.en-xapi/index.html"));
    expect(await xapi.isDisabled()).toBe(!built);
    if (!built) expect(await xapi.getAttribute("title")).toBe("coming with the xAPI package");
    expect(errors).toEqual([]);
  });

  it("launches the xAPI build against its own LRS: statements and the state document live, resumed from the State API", async () => {
    await page.getByRole("button", { name: "xAPI" }).click();
    let frame = await unitFrame(7);
    const launch = new URL(frame.url()).searchParams;
    expect(launch.get("endpoint")).toBe(`${url}xapi/`);
    expect(launch.get("activity_id")).toBe("urn:learning-unit:peer-mentoring");
    expect(JSON.parse(launch.get("actor")!)).toEqual({ objectType: "Agent", name: "Preview learner", mbox: "mailto:learner@preview.invalid" });
    const registration = launch.get("registration")!;
    expect(await panel("xapi-registration")).toBe(registration);
    expect(await panel("panel-heading")).toBe("What the LRS holds");
    await page.locator("#statements tbody tr", { hasText: "initialized" }).waitFor();
    // A unit that found no LRS would say so; launched with the parameters it finds this one.
    expect(await frame.locator(".notice", { hasText: "No connection" }).count()).toBe(0);

    await showSorting(frame);
    for (const [card, zone] of ANSWERS.slice(0, 3)) await clickPlace(frame, card, zone);
    // The unit writes the state after a short pause; the panel's next poll shows it.
    await expect.poll(() => panel("state-doc")).toMatch(/"state": "pm2\.\w{3}\.0\.\w+\.(\w{5}){3}"/);

    await page.getByRole("button", { name: "Relaunch as returning learner" }).click();
    frame = await unitFrame(8);
    expect(new URL(frame.url()).searchParams.get("registration")).toBe(registration);
    for (const [card, zone] of ANSWERS.slice(0, 3)) await expect.poll(() => placedIn(frame, card, zone)).toBe(1);
    expect(await frame.locator(`${zoneSel(null)} [data-card]`).count()).toBe(12);
    // The first launch ended as the frame was left, the second began: both in the LRS.
    await page.locator("#statements tbody tr", { hasText: "terminated" }).waitFor();

    await showSorting(frame);
    for (const [card, zone] of ANSWERS.slice(3)) await clickPlace(frame, card, zone);
    await frame.getByRole("button", { name: "Check answers" }).click();
    const answered = page.locator("#statements tbody tr", { hasText: "answered" });
    await answered.waitFor();
    expect(await answered.locator("td").nth(2).textContent()).toBe("urn:learning-unit:peer-mentoring/exercise");
    expect(await answered.locator("td").nth(3).textContent()).toMatch(/^score 14\/15 \(scaled 0\.93\d*\) · success false · response \S*empati\[\.\]mentor/);
    await page.locator("#statements tbody tr", { hasText: "completed" }).waitFor();

    // Reset: an empty LRS and a new registration, so every card is back in the pool.
    await page.getByRole("button", { name: "Reset" }).click();
    frame = await unitFrame(9);
    expect(new URL(frame.url()).searchParams.get("registration")).not.toBe(registration);
    expect(await frame.locator(`${zoneSel(null)} [data-card]`).count()).toBe(15);
    await page.locator("#statements tbody tr", { hasText: "initialized" }).waitFor();
    expect(await page.locator("#statements tbody tr").count()).toBe(1);
    expect(await panel("state-doc")).toBe("(none yet)");
    expect(errors).toEqual([]);
  });
});
