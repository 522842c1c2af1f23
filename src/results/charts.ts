/**
 * The page's two pictures as inline SVG strings: the confusion grid and the score distribution.
 * Their size depends on the unit's zones and cards only, never on how many attempts there are.
 * Hand-written: two grids of rectangles and text do not need a charting library.
 */
import { escapeXml } from "../packaging/manifest";
import type { ResultsStrings } from "../i18n/results";
import type { Figures } from "./analyse";

const INK = "#1a1a1a";
const RIGHT = "#1b6e3a";
const WRONG = "#a3341f";

/** Cell shade: the share of its row, on white; text stays dark enough to read in print. */
const shade = (rgb: [number, number, number], share: number) => {
  const mix = (c: number) => Math.round(255 - (255 - c) * Math.min(1, share) * 0.85);
  return `rgb(${mix(rgb[0])},${mix(rgb[1])},${mix(rgb[2])})`;
};

export function confusionSvg(figures: Figures, t: ResultsStrings): string {
  const { zones, grid } = figures.confusion;
  const cell = 64;
  const labelW = 110;
  const top = 40;
  const width = labelW + cell * zones.length + 2;
  const height = top + cell * zones.length + 2;
  const parts: string[] = [];
  zones.forEach((z, j) => {
    parts.push(`<text x="${labelW + cell * j + cell / 2}" y="${top - 12}" text-anchor="middle" font-weight="bold">${escapeXml(z.label)}</text>`);
  });
  zones.forEach((right, i) => {
    const total = grid[i]!.reduce((s, n) => s + n, 0);
    const y = top + cell * i;
    parts.push(`<text x="${labelW - 10}" y="${y + cell / 2 + 5}" text-anchor="end" font-weight="bold">${escapeXml(right.label)}</text>`);
    zones.forEach((chosen, j) => {
      const n = grid[i]![j]!;
      const x = labelW + cell * j;
      const fill = n === 0 ? "#fff" : shade(i === j ? [27, 110, 58] : [163, 52, 31], total ? n / total : 0);
      const dark = n > 0 && total > 0 && n / total > 0.6;
      parts.push(
        `<g><title>${escapeXml(t.confusionLabel(right.label, chosen.label, n))}</title>` +
          `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="${INK}" stroke-width="1"/>` +
          `<text x="${x + cell / 2}" y="${y + cell / 2 + 6}" text-anchor="middle" font-size="18" fill="${dark ? "#fff" : INK}">${n}</text></g>`,
      );
    });
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="14" fill="${INK}">` +
    `<title>${escapeXml(t.confusionHeading)}</title>${parts.join("")}</svg>`
  );
}

export function distributionSvg(figures: Figures, t: ResultsStrings): string {
  const counts = figures.distribution;
  const max = Math.max(1, ...counts);
  const bar = 24;
  const gap = 5;
  const chartH = 160;
  const left = 30;
  const top = 16;
  const width = left + counts.length * (bar + gap) + 4;
  const height = top + chartH + 28;
  const cards = counts.length - 1;
  const parts: string[] = [`<line x1="${left - 4}" y1="${top + chartH}" x2="${width}" y2="${top + chartH}" stroke="${INK}"/>`];
  counts.forEach((n, right) => {
    const h = Math.round((n / max) * (chartH - 18));
    const x = left + right * (bar + gap);
    const colour = right === cards ? RIGHT : right < cards / 2 ? WRONG : "#5a6b7d";
    parts.push(
      `<g><title>${escapeXml(t.distributionLabel(right, n))}</title>` +
        (n > 0 ? `<rect x="${x}" y="${top + chartH - h}" width="${bar}" height="${h}" fill="${colour}"/>` : "") +
        (n > 0 ? `<text x="${x + bar / 2}" y="${top + chartH - h - 5}" text-anchor="middle">${n}</text>` : "") +
        `<text x="${x + bar / 2}" y="${top + chartH + 18}" text-anchor="middle">${right}</text></g>`,
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="13" fill="${INK}">` +
    `<title>${escapeXml(t.distributionHeading)}</title>${parts.join("")}</svg>`
  );
}
