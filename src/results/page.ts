/**
 * The teacher's results page: one self-contained HTML string (no script, no request: opens from
 * disk, prints on A4), in the unit's language. Pure: figures in, string out.
 */
import { escapeXml as esc } from "../packaging/manifest";
import { resultsStrings } from "../i18n/results";
import type { Lang } from "../content/types";
import type { Figures } from "./analyse";
import { confusionSvg, distributionSvg } from "./charts";

/** Nothing may load: the page holds learner data and must not call anywhere. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The page's only styles, one fixed text: the studio, whose own CSP the page inherits when shown in
 * its frame, allows exactly this text by its hash (src/studio/build.ts). Hence no style="" anywhere.
 */
export const RESULTS_STYLE = `
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; margin: 0 auto; padding: 24px; max-width: 60rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; break-after: avoid; }
p { margin: .3rem 0; }
.meta { color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
th { border-bottom: 2px solid #1a1a1a; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.bar { vertical-align: middle; margin-left: .4rem; }
.pictures { display: flex; flex-wrap: wrap; gap: 2rem; break-inside: avoid; }
.pictures section { break-inside: avoid; flex: 1 1 18rem; }
svg { max-width: 100%; height: auto; }
@media print { body { padding: 0; font-size: 11pt; } }
`;

export function renderResultsPage(figures: Figures, date: string): string {
  const t = resultsStrings(figures.unit.lang as Lang);
  const total = figures.cards.length;
  const bar = (share: number) => `<svg class="bar" aria-hidden="true" width="${Math.round(share * 64)}" height="10"><rect width="100%" height="100%" fill="#1b6e3a"/></svg>`;
  const rows = figures.cards
    .map((c) => {
      const wrong = c.wrong[0];
      return (
        `<tr><td>${esc(c.text)}</td><td>${esc(c.accept.map((z) => z.label).join(" / "))}</td>` +
        `<td class="num">${c.learners ? t.pct(c.shareFirst) : t.none}</td>` +
        `<td class="num">${c.learners ? t.pct(c.shareLast) : t.none}${c.learners ? bar(c.shareLast) : ""}</td>` +
        `<td>${wrong ? esc(t.wrongCell(wrong.label, wrong.share)) : t.none}</td></tr>`
      );
    })
    .join("\n");
  const facts = [
    `${t.learners(figures.learners)}, ${t.attempts(figures.attempts)}; ${t.counted(figures.counted)}.`,
    figures.attemptRule === "highest" ? t.ruleHighest : t.ruleLast,
    figures.notChecked.count ? t.notChecked(figures.notChecked.names, figures.notChecked.count) : "",
    figures.noAttempt.count ? t.noAttempt(figures.noAttempt.names, figures.noAttempt.count) : "",
    figures.otherAnswers.count ? t.otherAnswers(figures.otherAnswers.count, figures.otherAnswers.ids) : "",
    figures.anonymous ? t.anonymous : "",
  ].filter(Boolean);
  const title = t.title(figures.unit.title);
  return `<!doctype html>
<html lang="${esc(figures.unit.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(title)}</title>
<style>${RESULTS_STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(t.made(date, figures.source === "moodle" ? t.sourceMoodle : t.sourceLrs))}</p>
<h2>${esc(t.overview)}</h2>
${facts.map((f) => `<p>${esc(f)}</p>`).join("\n")}
<h2>${esc(t.cardsHeading)}</h2>
${
  figures.counted === 0
    ? `<p>${esc(t.nobodyChecked)}</p>`
    : `<p class="meta">${esc(t.cardsIntro)}</p>
<table>
<thead><tr><th>${esc(t.card)}</th><th>${esc(t.rightZone)}</th><th class="num">${esc(t.firstCheck)}</th><th class="num">${esc(t.lastCheck)}</th><th>${esc(t.mostWrong)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<div class="pictures">
<section><h2>${esc(t.confusionHeading)}</h2><p class="meta">${esc(t.confusionIntro)}</p>
${confusionSvg(figures, t)}</section>
<section><h2>${esc(t.distributionHeading)}</h2><p class="meta">${esc(t.distributionIntro(total))}</p>
${distributionSvg(figures, t)}</section>
</div>`
}
</body>
</html>
`;
}

/** The short summary the command prints: who, which rule, the three hardest cards. */
export function renderSummary(figures: Figures, pagePath: string): string {
  const t = resultsStrings(figures.unit.lang as Lang);
  const lines = [
    `${t.title(figures.unit.title)}: ${t.learners(figures.learners)}, ${t.attempts(figures.attempts)}; ${t.counted(figures.counted)}.`,
    figures.attemptRule === "highest" ? t.ruleHighest : t.ruleLast,
  ];
  if (figures.notChecked.count) lines.push(t.notChecked(figures.notChecked.names, figures.notChecked.count));
  if (figures.noAttempt.count) lines.push(t.noAttempt(figures.noAttempt.names, figures.noAttempt.count));
  if (figures.otherAnswers.count) lines.push(t.otherAnswers(figures.otherAnswers.count, figures.otherAnswers.ids));
  const hardest = figures.cards.filter((c) => c.learners > 0 && c.rightLast < c.learners).slice(0, 3);
  if (hardest.length) lines.push(t.summaryHardest, ...hardest.map((c) => `  ${t.cardLine(c.text, c.shareLast, c.wrong[0])}`));
  lines.push(t.summaryPage(pagePath));
  return lines.join("\n");
}
