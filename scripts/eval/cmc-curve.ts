/**
 * A CMC curve (identification rate against rank, rank on a log axis from 1 to the largest rank
 * drawn) as a self-contained SVG, one step polyline per series; styled like det-curve.ts.
 */

export interface CmcSeries {
  label: string;
  /** Identification rate at rank 1, 2, ... (cmc() in latent-ranks.ts). */
  rates: readonly number[];
  colour: string;
}

const SIZE = 420;
const MARGIN = 50;

export function cmcCurveSvg(title: string, series: CmcSeries[]): string {
  const maxRank = Math.max(2, ...series.map((s) => s.rates.length));
  const plot = SIZE - 2 * MARGIN;
  const px = (rank: number): number => MARGIN + (Math.log10(rank) / Math.log10(maxRank)) * plot;
  const py = (rate: number): number => SIZE - MARGIN - rate * plot;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${SIZE}" height="${SIZE}" fill="white"/>`);
  parts.push(`<text x="${SIZE / 2}" y="20" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`);
  for (const rank of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((r) => r <= maxRank)) {
    parts.push(`<line x1="${px(rank).toFixed(1)}" y1="${MARGIN}" x2="${px(rank).toFixed(1)}" y2="${SIZE - MARGIN}" stroke="#ddd"/>`);
    parts.push(`<text x="${px(rank).toFixed(1)}" y="${SIZE - MARGIN + 14}" text-anchor="middle">${rank}</text>`);
  }
  for (let v = 0; v <= 1.0001; v += 0.2) {
    parts.push(`<line x1="${MARGIN}" y1="${py(v).toFixed(1)}" x2="${SIZE - MARGIN}" y2="${py(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN - 6}" y="${(py(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v * 100)}%</text>`);
  }
  parts.push(`<text x="${SIZE / 2}" y="${SIZE - 12}" text-anchor="middle">rank (strict)</text>`);
  parts.push(`<text x="14" y="${SIZE / 2}" text-anchor="middle" transform="rotate(-90 14 ${SIZE / 2})">identification rate</text>`);
  series.forEach((s, k) => {
    const coords: string[] = [];
    s.rates.forEach((rate, i) => {
      // A step at each rank: flat until the next rank, then up.
      coords.push(`${px(i + 1).toFixed(1)},${py(rate).toFixed(1)}`);
      if (i + 2 <= maxRank) coords.push(`${px(i + 2).toFixed(1)},${py(rate).toFixed(1)}`);
    });
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${coords.join(' ')}"/>`);
    parts.push(`<text x="${SIZE - MARGIN - 4}" y="${SIZE - MARGIN - 10 - 14 * (series.length - 1 - k)}" text-anchor="end" fill="${s.colour}">${escapeXml(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
