/**
 * A DET curve (FNMR against FMR, both on log axes from 10⁻⁴ to 1, as the FVC reports draw them) as a
 * self-contained SVG, one polyline per series.
 */
import type { OperatingPoint } from './verification-metrics.js';

export interface DetSeries {
  label: string;
  points: OperatingPoint[];
  colour: string;
}

const SIZE = 420;
const MARGIN = 50;
const MIN_RATE = 1e-4;

function axis(rate: number): number {
  const r = Math.max(rate, MIN_RATE);
  return (Math.log10(r) - Math.log10(MIN_RATE)) / -Math.log10(MIN_RATE);
}

export function detCurveSvg(title: string, series: DetSeries[]): string {
  const plot = SIZE - 2 * MARGIN;
  const px = (fmr: number): number => MARGIN + axis(fmr) * plot;
  const py = (fnmr: number): number => SIZE - MARGIN - axis(fnmr) * plot;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${SIZE}" height="${SIZE}" fill="white"/>`);
  parts.push(`<text x="${SIZE / 2}" y="20" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`);
  for (let e = -4; e <= 0; e++) {
    const v = 10 ** e;
    parts.push(`<line x1="${px(v)}" y1="${MARGIN}" x2="${px(v)}" y2="${SIZE - MARGIN}" stroke="#ddd"/>`);
    parts.push(`<line x1="${MARGIN}" y1="${py(v)}" x2="${SIZE - MARGIN}" y2="${py(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${px(v)}" y="${SIZE - MARGIN + 14}" text-anchor="middle">1e${e}</text>`);
    parts.push(`<text x="${MARGIN - 6}" y="${py(v) + 4}" text-anchor="end">1e${e}</text>`);
  }
  parts.push(`<line x1="${px(MIN_RATE)}" y1="${py(MIN_RATE)}" x2="${px(1)}" y2="${py(1)}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${SIZE / 2}" y="${SIZE - 12}" text-anchor="middle">FMR</text>`);
  parts.push(`<text x="14" y="${SIZE / 2}" text-anchor="middle" transform="rotate(-90 14 ${SIZE / 2})">FNMR</text>`);
  series.forEach((s, k) => {
    // A step curve: at each threshold the point (FMR, FNMR).
    const coords = s.points.map((p) => `${px(p.fmr).toFixed(1)},${py(p.fnmr).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${coords}"/>`);
    parts.push(`<text x="${SIZE - MARGIN - 4}" y="${MARGIN + 14 + 14 * k}" text-anchor="end" fill="${s.colour}">${escapeXml(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
