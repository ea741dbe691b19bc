/** Development aid: an FVC2002 image under a condition, written as PNG (for scripts/draw.ts). npx tsx scripts/eval/condition-png.ts CONDITION DIR/NAME.tif OUT.png */
import sharp from 'sharp';
import { fvcPpi, loadGray } from '../../bench/extract-images.js';
import { conditionNamed, seedOf } from './conditions.js';
const [cond, file, out] = process.argv.slice(2);
const dir = file.slice(0, file.lastIndexOf('/'));
const gray = await loadGray(file, fvcPpi(dir));
const { image } = conditionNamed(cond).apply(gray, gray.ppi ?? 500, seedOf(file.slice(file.lastIndexOf('/') + 1)));
await sharp(Buffer.from(image.pixels), { raw: { width: image.width, height: image.height, channels: 1 } }).png().toFile(out);
