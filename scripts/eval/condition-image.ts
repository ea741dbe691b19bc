/**
 * One image under a sensor-like condition (scripts/eval/conditions.ts), written as PNG so that it
 * can be drawn (scripts/draw.ts) or looked at; seeded by the file name as in the evaluations.
 *   npx tsx scripts/eval/condition-image.ts IMAGE CONDITION OUT.png [--ppi 500]
 * The PNG is at the condition's resolution (declare it to draw.ts with --ppi for the ppi-* ones).
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { conditionNamed, seedOf } from './conditions.js';
import { decodeGray } from './image-templates.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { ppi: { type: 'string' } } });
const [file, name, out] = positionals;
if (!file || !name || !out) throw new Error('usage: condition-image.ts IMAGE CONDITION OUT.png [--ppi N]');
const c = conditionNamed(name).apply(await decodeGray(file), Number(values.ppi ?? 500), seedOf(basename(file)));
await sharp(Buffer.from(c.image.pixels), { raw: { width: c.image.width, height: c.image.height, channels: 1 } }).png().toFile(out);
console.log(`${file} under ${name} (${c.ppi} ppi) -> ${out}`);
