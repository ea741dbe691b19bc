/** Development aid: the printed lines found per image, and the detector's CPU time. */
import { loadGray } from '../../bench/extract-images.js';
import { printedLines } from '../../engine/fingerprint/extraction/printed-lines.js';
import { orientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
for (const f of process.argv.slice(2)) {
  const img = await loadGray(f, 500);
  const o = orientationField(img);
  let lines = printedLines(img.pixels, o.angle, img.width, img.height);
  for (let k = 0; k < 20; k++) lines = printedLines(img.pixels, o.angle, img.width, img.height);
  const t0 = process.cpuUsage();
  for (let k = 0; k < 50; k++) lines = printedLines(img.pixels, o.angle, img.width, img.height);
  const ms = process.cpuUsage(t0).user / 1000 / 50;
  console.log(f.split('/').slice(-2).join('/'), `${img.width}x${img.height}`, `${ms.toFixed(2)}ms`, lines.map((l) => `(${((Math.atan2(l.dy, l.dx) * 180) / Math.PI).toFixed(0)}° @${l.x0.toFixed(0)},${l.y0.toFixed(0)} ${l.from.toFixed(0)}..${l.to.toFixed(0)})`).join(' '));
}
