/** What a learner does, as real input events: pointer drags, clicks, taps. No state is set from outside. */
import type { Frame, Page } from "playwright-core";

export const cardSel = (id: string) => `[data-card="${id}"]`;
export const zoneSel = (id: string | null) => `[data-drop-target="${id ?? ""}"]`;

async function center(frame: Frame, selector: string) {
  const box = await frame.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drags a card onto a zone with the mouse: press on the card, move in steps (interact.js needs
 * movement to start a drag), release over the zone's label.
 */
export async function dragCard(page: Page, frame: Frame, cardId: string, zoneId: string | null): Promise<void> {
  await frame.locator(cardSel(cardId)).scrollIntoViewIfNeeded();
  const from = await center(frame, cardSel(cardId));
  const target = await frame.locator(`${zoneSel(zoneId)} .zone-label`).boundingBox();
  if (!target) throw new Error(`zone ${zoneId} is not visible`);
  const to = { x: target.x + Math.min(40, target.width / 2), y: target.y + target.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** The frame the SCO runs in (Moodle loads it into an iframe of the player page). */
export async function scoFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#sco");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("no SCO frame");
  await frame.waitForSelector("[data-card]");
  return frame;
}

/** Brings the sorting area to the top of the frame, so the pool and the three zones are in view. */
export const showSorting = (frame: Frame) =>
  frame.evaluate(() => document.querySelector(".sorting")!.scrollIntoView({ block: "start" }));
