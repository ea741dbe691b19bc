/**
 * Throughput against latency as a self-contained SVG (the project draws its own, as
 * scripts/eval/det-curve.ts does): one point per concurrency level, OK answers per second across,
 * latency down a log axis (p50 and p99 of the calls, and the p99 of the health checks made
 * meanwhile), each point labelled with its concurrency. A closed loop's curve bends upwards
 * where the server saturates: more in flight buys latency, not throughput.
 */
import type { LoadReport } from './load-messages.js';

const WIDTH = 560;
const HEIGHT = 400;
const LEFT = 72;
const RIGHT = 20;
const TOP = 40;
const BOTTOM = 50;

const SERIES = [
  { key: 'p50Ms', label: 'p50', colour: '#1f77b4', dash: '' },
  { key: 'p99Ms', label: 'p99', colour: '#d62728', dash: '' },
  { key: 'healthP99Ms', label: 'health check p99', colour: '#7f7f7f', dash: '4 3' },
] as const;

/** 1, 2, 5 × 10^k ticks covering [lo, hi]. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

/** About five round steps from 0 to at least `max`. */
function linearTicks(max: number): number[] {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

function formatMs(v: number): string {
  return v >= 1000 ? `${v / 1000} s` : v >= 1 ? `${v} ms` : `${v * 1000} µs`;
}

export function loadCurveSvg(report: LoadReport): string {
  const runs = report.runs.filter((r) => r.requests > 0 && r.rps > 0);
  const values = runs.flatMap((r) => SERIES.map((s) => r[s.key])).filter((v) => v > 0);
  const lo = values.length ? 10 ** Math.floor(Math.log10(Math.min(...values))) : 1;
  const hi = values.length ? 10 ** Math.ceil(Math.log10(Math.max(...values))) : 1000;
  const maxRps = runs.length ? Math.max(...runs.map((r) => r.rps)) * 1.1 : 1;
  const xTicks = linearTicks(maxRps);
  const xMax = xTicks[xTicks.length - 1] < maxRps ? maxRps : xTicks[xTicks.length - 1];
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const px = (rps: number) => LEFT + (rps / xMax) * plotW;
  const py = (ms: number) => TOP + plotH - ((Math.log10(Math.max(ms, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo) || 1)) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(`<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="13">${escapeXml(`${report.scenario}, gallery ${report.gallery.toLocaleString('en-US')}: throughput against latency`)}</text>`);
  for (const v of logTicks(lo, hi)) {
    parts.push(`<line x1="${LEFT}" y1="${py(v).toFixed(1)}" x2="${WIDTH - RIGHT}" y2="${py(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${(py(v) + 4).toFixed(1)}" text-anchor="end">${formatMs(v)}</text>`);
  }
  for (const v of xTicks) {
    parts.push(`<line x1="${px(v).toFixed(1)}" y1="${TOP}" x2="${px(v).toFixed(1)}" y2="${TOP + plotH}" stroke="#ddd"/>`);
    parts.push(`<text x="${px(v).toFixed(1)}" y="${TOP + plotH + 14}" text-anchor="middle">${Number(v.toPrecision(6))}</text>`);
  }
  parts.push(`<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  parts.push(`<text x="${LEFT + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">throughput (OK answers per second)</text>`);
  parts.push(`<text x="14" y="${TOP + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${TOP + plotH / 2})">latency (log)</text>`);
  SERIES.forEach((s, k) => {
    const pts = runs.filter((r) => r[s.key] > 0).map((r) => ({ x: px(r.rps), y: py(r[s.key]), c: r.concurrency }));
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="1.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) {
      parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="2.5" fill="${s.colour}"/>`);
      if (s.key !== 'healthP99Ms') parts.push(`<text x="${(p.x + 4).toFixed(1)}" y="${(p.y - 4).toFixed(1)}" fill="${s.colour}" font-size="9">${p.c}</text>`);
    }
    parts.push(`<text x="${LEFT + 8}" y="${TOP + 14 + 14 * k}" fill="${s.colour}">${escapeXml(s.label)}</text>`);
  });
  parts.push(`<text x="${WIDTH / 2}" y="${TOP - 6}" text-anchor="middle" font-size="10" fill="#555">each point labelled with its calls in flight</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
