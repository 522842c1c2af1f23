/** What a learner does, as real input events: pointer drags, clicks, taps. No state is set from outside. */
import type { CDPSession, Frame, Locator, Page } from "playwright-core";

export const cardSel = (id: string) => `[data-card="${id}"]`;
export const zoneSel = (id: string | null) => `[data-drop-target="${id ?? ""}"]`;

async function center(frame: Frame, selector: string) {
  await settled(frame.locator(selector));
  const box = await frame.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Waits until the element has not moved for one frame and nothing covers its centre: a page still
 * coming to rest (the end of a drag's autoscroll, a scroll into view, a layout change after a
 * click) would otherwise take the pointer or the finger to where the element was a moment ago.
 */
export const settled = (target: Locator) =>
  target.evaluate(
    (el) =>
      new Promise<void>((resolve, reject) => {
        let last = "";
        const giveUp = performance.now() + 20_000;
        const check = () => {
          const r = el.getBoundingClientRect();
          const now = `${r.x},${r.y},${r.width},${r.height}`;
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          if (now === last && hit && el.contains(hit)) resolve();
          else if (performance.now() > giveUp) reject(new Error(`${el.outerHTML.slice(0, 80)} kept moving or is covered by ${hit?.outerHTML.slice(0, 80)}`));
          else {
            last = now;
            requestAnimationFrame(check);
          }
        };
        check();
      }),
  );

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

/**
 * The frame the SCO runs in (Moodle loads it into an iframe of the player page), once the unit is
 * live: the page's HTML shows every card before the script runs, disabled until it has taken over.
 */
export async function scoFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#sco");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("no SCO frame");
  await frame.waitForSelector(LIVE_CARD);
  return frame;
}

/** A card the learner can use: the build's HTML has every card disabled until the script is live. */
export const LIVE_CARD = "[data-card]:enabled";

/** Brings the sorting area to the top of the frame, so the pool and the three zones are in view. */
export const showSorting = (frame: Frame) =>
  frame.evaluate(() => document.querySelector(".sorting")!.scrollIntoView({ block: "start" }));

/** The id of the card or zone button that has keyboard focus. */
const focused = (frame: Frame) =>
  frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { card: el?.dataset.cardId ?? null, zone: el?.dataset.zoneTarget ?? null, inPool: !!el?.closest('[data-drop-target=""]') };
  });

/**
 * Places one card with the keyboard alone: Tab / Shift+Tab to a card still in the pool, Space to pick
 * it up, arrow keys to its zone, Enter to drop. Returns the card placed.
 */
export async function keyboardPlaceNext(page: Page, frame: Frame, zoneOf: (cardId: string) => string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const f = await focused(frame);
    if (f.card && f.inPool) break;
    await page.keyboard.press(i < 30 ? "Shift+Tab" : "Tab");
  }
  const { card, inPool } = await focused(frame);
  if (!card || !inPool) throw new Error("no card left in the pool was reached with Tab");
  await page.keyboard.press("Space");
  const target = zoneOf(card);
  for (let i = 0; i < 8 && (await focused(frame)).zone !== target; i++) await page.keyboard.press("ArrowRight");
  if ((await focused(frame)).zone !== target) throw new Error(`zone ${target} was not reached with the arrow keys`);
  await page.keyboard.press("Enter");
  return card;
}

/** Click (or tap) a card, then a zone: the no-drag way of WCAG 2.2 SC 2.5.7. */
export async function clickPlace(frame: Frame, cardId: string, zoneId: string | null, tap = false): Promise<void> {
  const card = frame.locator(cardSel(cardId));
  const zone = frame.locator(zoneSel(zoneId));
  if (tap) {
    await card.tap();
    await zone.locator(".zone-target").tap();
  } else {
    await card.click();
    await zone.click({ position: { x: 20, y: 10 } });
  }
}

/**
 * Drags a card with a finger (Chrome DevTools touch events, as a phone sends them): touch the card,
 * move, hold near the screen's bottom edge while the zone is below it (the drag scrolls the page),
 * release on the zone.
 */
export async function touchDrag(page: Page, frame: Frame, cardId: string, zoneId: string | null): Promise<void> {
  const touch = await finger(page);
  await frame.locator(cardSel(cardId)).scrollIntoViewIfNeeded();
  const from = await center(frame, cardSel(cardId));
  const viewport = page.viewportSize()!;
  const label = frame.locator(`${zoneSel(zoneId)} .zone-label`);
  await touch("touchStart", from.x, from.y);
  let x = from.x;
  let y = from.y;
  const glide = async (tx: number, ty: number, steps = 8) => {
    for (let i = 1; i <= steps; i++) await touch("touchMove", x + ((tx - x) * i) / steps, y + ((ty - y) * i) / steps);
    [x, y] = [tx, ty];
  };
  await glide(x + 6, y + 6, 2);
  // Held in the edge band, the drag scrolls the page a little each frame: one touch move per frame
  // until the zone is in view. No deadline of its own: a zone that never comes is the test's timeout.
  for (;;) {
    const box = (await label.boundingBox())!;
    if (box.y > viewport.height - 70) await glide(x, viewport.height - 8, 3);
    else if (box.y + box.height < 50) await glide(x, 8, 3);
    else {
      await glide(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
      break;
    }
    await nextFrame(frame);
  }
  const box = (await label.boundingBox())!;
  await glide(box.x + Math.min(40, box.width / 2), box.y + box.height / 2, 1);
  // The finger rests on the zone for a few frames before it lifts, as a learner's does when dropping
  // a card. Lifted while still moving, Chrome starts a fling, and the next tap only stops that fling.
  for (let i = 0; i < 8; i++) {
    await nextFrame(frame);
    await touch("touchMove", x, y);
  }
  await touch("touchEnd", x, y);
}

/** Resolves at the frame's next animation frame: the page has had a chance to scroll and paint. */
const nextFrame = (frame: Frame) => frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

/** A tap with the same finger (one DevTools session per page, so Chrome sees one touch screen). */
export async function tap(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await settled(target);
  const box = (await target.boundingBox())!;
  const touch = await finger(page);
  await touch("touchStart", box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(80); // a finger rests on the glass for a moment
  await touch("touchEnd", box.x + box.width / 2, box.y + box.height / 2);
}

type Touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number, y: number) => Promise<unknown>;
const fingers = new WeakMap<Page, Promise<CDPSession>>();
let touchId = 0;
async function finger(page: Page): Promise<Touch> {
  if (!fingers.has(page)) fingers.set(page, page.context().newCDPSession(page));
  const cdp = await fingers.get(page)!;
  return (type, x, y) => {
    // Every touch gets a new id, as on a real screen; reusing one makes Chrome drop later taps.
    if (type === "touchStart") touchId++;
    return cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y, id: touchId }] });
  };
}

/** Brings the sorting area into view and drags each card, in order, to its zone with the mouse. */
export async function dragAll(page: Page, frame: Frame, placements: Iterable<[string, string | null]>): Promise<void> {
  await showSorting(frame);
  for (const [card, zone] of placements) await dragCard(page, frame, card, zone);
}
