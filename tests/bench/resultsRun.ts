/**
 * One measured run of the results command's work (read, analyse, render), in its own process so
 * its peak memory is its own: `node --import tsx tests/bench/resultsRun.ts <report>` prints JSON.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { analyse } from "../../src/results/analyse";
import { renderResultsPage } from "../../src/results/page";
import { readMoodleReport } from "../../src/results/readReport";
import { peerMentoring } from "../support/unit";

const file = process.argv[2]!;
const unit = peerMentoring();
const bytes = new Uint8Array(readFileSync(file));
const rssBefore = process.resourceUsage().maxRSS;
const start = performance.now();
const answers = readMoodleReport(bytes, file);
const read = performance.now();
const figures = analyse(unit, answers, { attempt: "highest" });
const html = renderResultsPage(figures, "2026-12-06");
const end = performance.now();
process.stdout.write(
  JSON.stringify({
    attempts: figures.attempts,
    readMs: read - start,
    totalMs: end - start,
    pageBytes: Buffer.byteLength(html),
    // kB, as getrusage reports it on Linux.
    rssBeforeMB: rssBefore / 1024,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
