/**
 * The seed document imported by `npm run import` (with the importer's own card ids, no hand-made file
 * beside it), packaged by the real build, and played in Chromium under scorm-again like the hand-made
 * unit: the same session must score 100 with the same LMS calls.
 */
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadUnitFile } from "../../src/content/load";
import type { Unit } from "../../src/content/types";
import { projectCopy, removeCopy, runTs } from "../support/project";
import { playAllRight } from "../support/scenarios";
import { browserSession } from "../support/session";

const dir = projectCopy("imported-unit-");
let unit: Unit;

// Registered before browserSession's hooks, so the zip exists when its server starts.
beforeAll(() => {
  for (const f of readdirSync(join(dir, "content"))) if (f.startsWith("peer-mentoring.")) rmSync(join(dir, "content", f));
  copyFileSync("tests/fixtures/peer-mentoring.da.txt", join(dir, "seed.txt"));
  const imported = runTs(dir, "src/import/cli.ts", "seed.txt");
  if (imported.status !== 0) throw new Error(imported.stderr);
  const built = runTs(dir, "build.ts", "peer-mentoring");
  if (built.status !== 0) throw new Error(built.stderr);
  unit = loadUnitFile(join(dir, "content/peer-mentoring.da.json"));
});
afterAll(() => removeCopy(dir));

const session = browserSession(join(dir, "dist/peer-mentoring-scorm12.zip"));

describe("the imported seed unit's SCORM 1.2 zip in Chromium under scorm-again", () => {
  it("all 15 cards dragged to their zones: score 100, completed, one LMSFinish", async () => {
    expect(unit.cards.map((c) => c.id)).toContain("stoerre-selveffektivitet"); // the importer's ids, not the hand-made ones
    await playAllRight(session.page, session, unit);
  });
});
