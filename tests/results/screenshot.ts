/**
 * Makes docs/results-page.png for the README: the results page of the real Moodle download, in
 * headless Chromium. Run by hand: `npx tsx tests/results/screenshot.ts [page.html] [out.png]`.
 */
import { launchChromium } from "../support/browser";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [page = "results/peer-mentoring.html", out = "docs/results-page.png"] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const tab = await browser.newPage({ viewport: { width: 960, height: 1200 }, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(resolve(page)).href);
  await tab.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
}
