/**
 * What a scripted full session costs the LMS: a learner launches the unit in Chromium under
 * scorm-again (tests/support/server.ts; its SCORM 1.2 or 2004 runtime, serving the package of that
 * version), drags all 15 cards, checks and leaves with "Afslut".
 * Not throttled: these are counts, not times.
 */
import type { Browser } from "playwright-core";
import { dragCard, scoFrame, showSorting } from "../support/learner";
import { lmsCalls, lmsData, openLms } from "../support/lms";
import { allRight, peerMentoring } from "../support/unit";

export const API_CALLS = {
  "1.2": ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"],
  "2004": ["Initialize", "GetValue", "SetValue", "Commit", "Terminate"],
} as const;

export interface Session {
  calls: Record<string, number>;
  /** cmi.suspend_data with every card placed, before the check. */
  suspendDataChars: number;
}

export async function fullSession(browser: Browser, baseUrl: string, version: "1.2" | "2004" = "1.2"): Promise<Session> {
  const unit = peerMentoring();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The bench runs under tsx, whose esbuild keeps function names by wrapping them in __name(): the
  // learner helpers' page.evaluate callbacks then need it in the page (vitest does not wrap them).
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  try {
    const page = await context.newPage();
    await openLms(page, baseUrl, { version });
    const frame = await scoFrame(page);
    await showSorting(frame);
    for (const [card, zone] of Object.entries(allRight(unit))) await dragCard(page, frame, card, zone);
    const suspendData = (await lmsData(page)).suspend_data as string;
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut" }).click();
    const calls = await lmsCalls(page);
    const count = (name: string) => calls.filter((c) => c.name === name).length;
    return {
      calls: Object.fromEntries(API_CALLS[version].map((name) => [name, count(name)])),
      suspendDataChars: suspendData.length,
    };
  } finally {
    await context.close();
  }
}
