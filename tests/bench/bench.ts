/**
 * `npm run bench`: figures, not assertions. Builds the package, then prints (and writes to
 * dist/bench.json) the package sizes and what a scripted full session costs the LMS: a learner
 * launches the unit in Chromium under scorm-again, drags all 15 cards, checks and leaves.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../support/browser";
import { dragCard, scoFrame, showSorting } from "../support/learner";
import { lmsCalls, lmsData, openLms } from "../support/lms";
import { serveZip } from "../support/server";
import { allRight, peerMentoring } from "../support/unit";

execFileSync(process.execPath, ["--import", "tsx", "build.ts", "peer-mentoring"], { stdio: "inherit" });

const unit = peerMentoring();
const size = (path: string) => readFileSync(path).byteLength;
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).byteLength;
const figures: Record<string, number> = {
  "SCORM zip, bytes": size("dist/peer-mentoring-scorm12.zip"),
  "app.js, bytes": size("dist/peer-mentoring/assets/app.js"),
  "app.js gzipped, bytes": gz("dist/peer-mentoring/assets/app.js"),
  "app.css, bytes": size("dist/peer-mentoring/assets/app.css"),
  "app.css gzipped, bytes": gz("dist/peer-mentoring/assets/app.css"),
};

const server = await serveZip("dist/peer-mentoring-scorm12.zip");
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openLms(page, server.url);
  const frame = await scoFrame(page);
  await showSorting(frame);
  for (const [card, zone] of Object.entries(allRight(unit))) await dragCard(page, frame, card, zone);
  const suspendData = (await lmsData(page)).suspend_data as string;
  await frame.getByRole("button", { name: "Tjek svar" }).click();
  await frame.getByRole("button", { name: "Afslut" }).click();
  const calls = await lmsCalls(page);
  for (const name of ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"]) {
    figures[`full session: ${name} calls`] = calls.filter((c) => c.name === name).length;
  }
  figures["suspend_data with every card placed, characters"] = suspendData.length;
} finally {
  await browser.close();
  await server.close();
}

const width = Math.max(...Object.keys(figures).map((k) => k.length));
for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v.toLocaleString("en").padStart(8)}`);
writeFileSync("dist/bench.json", JSON.stringify(figures, null, 2) + "\n");
console.log("written to dist/bench.json");
