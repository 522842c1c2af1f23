/**
 * `npm run bench:results`: how long the results command takes, and its peak memory, for a class of
 * 50, 500 and 5,000 attempts. Each report is the real Moodle download (text, Excel, ODS) scaled up:
 * its attempt rows repeated under new learners' names and e-mails. Figures, not assertions.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utils, write } from "@e965/xlsx";
import { readTabSeparated } from "../../src/results/readText";

const SIZES = [50, 500, 5000];
const real = readTabSeparated(readFileSync("tests/fixtures/moodle-exports/interactions.csv", "utf8"));
const [header, ...body] = real;
const attemptCol = header!.indexOf("Attempt");
const attemptRows = body.filter((r) => /^\d+$/.test(r[attemptCol] ?? ""));

/** `n` attempt rows: the real ones again and again, each copy under a learner of its own. */
function scaled(n: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; rows.length < n; i++) {
    for (const r of attemptRows) {
      if (rows.length === n) break;
      rows.push([`${r[0]} ${i}`, (r[1] ?? "").replace("@", `+${i}@`), ...r.slice(2)]);
    }
  }
  return [header!, ...rows];
}

/** Moodle's Excel and ODS downloads have one sheet, "Report". */
function spreadsheet(rows: string[][], bookType: "xlsx" | "ods"): Uint8Array {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(rows), "Report");
  return write(book, { type: "buffer", bookType, compression: true }) as Uint8Array;
}

const tsv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[\s"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join("\t")).join("\n") + "\n";

const dir = mkdtempSync(join(tmpdir(), "bench-results-"));
const lines: string[] = [];
const pad = (s: string, n: number) => s.padStart(n);
lines.push(`${"report".padEnd(26)}${pad("attempts", 9)}${pad("file kB", 10)}${pad("read ms", 10)}${pad("total ms", 10)}${pad("page kB", 10)}${pad("peak RSS MB", 13)}${pad("of which base", 15)}`);
try {
  for (const n of SIZES) {
    const rows = scaled(n);
    const files = [
      [`interactions-${n}.txt`, tsv(rows)],
      [`interactions-${n}.xlsx`, spreadsheet(rows, "xlsx")],
      [`interactions-${n}.ods`, spreadsheet(rows, "ods")],
    ] as const;
    for (const [name, data] of files) {
      const path = join(dir, name);
      writeFileSync(path, data as string | Uint8Array);
      const r = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "tests/bench/resultsRun.ts", path], { encoding: "utf8" }));
      const size = readFileSync(path).length;
      lines.push(
        `${name.padEnd(26)}${pad(String(r.attempts), 9)}${pad((size / 1024).toFixed(0), 10)}${pad(r.readMs.toFixed(0), 10)}${pad(r.totalMs.toFixed(0), 10)}${pad((r.pageBytes / 1024).toFixed(1), 10)}${pad(r.peakRssMB.toFixed(0), 13)}${pad(r.rssBeforeMB.toFixed(0), 15)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(lines.join("\n"));
