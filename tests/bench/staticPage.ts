/**
 * The comparison page for the timings: the unit's visible text (title, reading part, exercise text,
 * zone labels and the 15 cards, in the app's markup and with the same app.css) as plain HTML with no
 * script at all. The unit is timed opened straight from its folder (no LMS), so the static page carries
 * the notice the unit then shows as well. A page cannot show this text faster: the unit's timings are
 * measured against it.
 */
import type { Block, ListItem, Unit } from "../../src/content/types";
import { strings } from "../../src/i18n";
import { escapeXml as esc } from "../../src/packaging/manifest";
import { poolOrder } from "../../src/sorting/model";

const item = (i: ListItem): string =>
  typeof i === "string" ? `<li>${esc(i)}</li>` : `<li>${esc(i.text)}<ul>${i.items.map((t) => `<li>${esc(t)}</li>`).join("")}</ul></li>`;

const block = (b: Block): string =>
  b.type === "paragraph" ? `<p>${esc(b.text)}</p>` : b.type === "heading" ? `<h3>${esc(b.text)}</h3>` : `<ul class="benefits">${b.items.map(item).join("")}</ul>`;

/** `cssHref`: the package's own stylesheet, so both pages load the same bytes over the same network. */
export function staticPage(unit: Unit, cssHref: string): string {
  const t = strings(unit.lang);
  const cards = poolOrder(unit)
    .map((c) => `<li class="card-slot"><button type="button" class="card" data-card-id="${esc(c.id)}" data-card="${esc(c.id)}"><span class="card-text">${esc(c.text)}</span></button></li>`)
    .join("");
  const zone = (id: string, label: string, className: string, count: number, body: string) =>
    `<section class="${className}" role="group" data-drop-target="${esc(id)}"><h3 class="zone-label"><button type="button" class="zone-target">${esc(label)} <span class="zone-count">(${esc(t.zoneCount(count))})</span></button></h3><ul class="zone-cards">${body}</ul></section>`;
  return `<!doctype html>
<html lang="${esc(unit.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(unit.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${esc(cssHref)}">
</head>
<body>
<div id="app"><main class="unit" lang="${esc(unit.lang)}">
<header class="unit-header">${unit.topic ? `<p class="topic">${esc(unit.topic)}</p>` : ""}<h1>${esc(unit.title)}</h1></header>
<section class="reading" id="reading"><h2>${esc(unit.reading.heading)}</h2>${unit.reading.blocks.map(block).join("\n")}</section>
<section class="exercise" id="exercise"><h2>${esc(unit.exercise.heading)}</h2><p class="instructions">${esc(unit.exercise.instructions)}</p>
<p class="notice">${esc(t.noLms)}</p>
<div class="sorting"><p class="hint">${esc(t.dragHint)} <span class="keyboard-hint">${esc(t.keyboardHint)}</span></p>
${zone("", t.pool, "pool", unit.cards.length, cards)}
<div class="zones">${unit.zones.map((z) => zone(z.id, z.label, "zone", 0, "")).join("")}</div>
<div class="actions"><button type="button" class="button">${esc(t.check)}</button><p class="check-status">${esc(t.remaining(unit.cards.length))}</p></div>
</div></section>
<footer class="unit-footer"><button type="button" class="button secondary finish">${esc(t.finishUnfinished)}</button></footer>
</main></div>
</body>
</html>
`;
}
