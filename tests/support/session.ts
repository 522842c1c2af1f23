/**
 * One Chromium and one package server per test file, and a fresh desktop page per test that
 * collects the page's uncaught errors. Moodle 4.5 on a 1280x900 screen shows the SCO in a frame of
 * about 650x660 px (scorm12.md §6); the LMS page gives it that frame.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser";
import { serveZip, type TestServer } from "./server";

export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  page: Page;
  errors: string[];
  /** Another desktop page in the same browser (a relaunch in a new tab). */
  newPage(): Promise<Page>;
}

export function browserSession(zip: string): BrowserSession {
  const s = { errors: [] as string[] } as BrowserSession;
  s.newPage = async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => s.errors.push(e.message));
    return page;
  };
  beforeAll(async () => {
    s.server = await serveZip(zip);
    s.browser = await launchChromium();
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  beforeEach(async () => {
    s.errors.length = 0;
    s.page = await s.newPage();
  });
  return s;
}
