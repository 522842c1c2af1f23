/** Debian's Chromium driven by playwright-core (never a downloaded browser). */
import { chromium, type Browser } from "playwright-core";
import { chromiumPath } from "./tools";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** playwright's launch() gives every browser a fresh, temporary user-data dir. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
