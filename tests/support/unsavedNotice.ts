/**
 * Every time the unit's not-saved notice (.saving) comes or goes, from the page's first script on,
 * in every frame and across reloads: a MutationObserver in the page reports each change as it
 * happens, so a notice that flashes up between two polls is caught too. The SCORM and the LRS
 * browser tests both read it.
 */
import type { Page } from "playwright-core";

/** One change of the notice: shown or gone, its text, and what the LMS had answered the SCO's commits by then. */
export interface Sighting {
  shown: boolean;
  text: string;
  /**
   * The results of the LMSCommit / Commit calls the test LMS page (tests/support/server.ts) had
   * logged when the notice changed; empty for a page no SCORM LMS launched (xAPI, cmi5).
   */
  commits: string[];
}

/** Call before the first navigation; the returned function gives the changes so far. */
export async function watchUnsavedNotice(page: Page): Promise<() => Sighting[]> {
  const changes: Sighting[] = [];
  await page.exposeFunction("__unsavedNoticeChanged", (s: Sighting) => changes.push(s));
  await page.addInitScript(() => {
    const lmsCommits = () => {
      try {
        const calls = (parent as unknown as { __calls?: { name: string; result: string }[] }).__calls ?? [];
        return calls.filter((c) => c.name === "LMSCommit" || c.name === "Commit").map((c) => c.result);
      } catch {
        return []; // a parent of another origin: no test LMS there
      }
    };
    let shown = false;
    new MutationObserver(() => {
      const notice = document.querySelector(".saving");
      if ((notice !== null) === shown) return;
      shown = !shown;
      const report = (window as unknown as { __unsavedNoticeChanged(s: Sighting): void }).__unsavedNoticeChanged;
      void report({ shown, text: notice?.textContent ?? "", commits: lmsCommits() });
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => [...changes];
}
