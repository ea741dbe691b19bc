import sharp from 'sharp';
const [set, finger, out] = process.argv.slice(2);
const tiles = [];
for (let i = 1; i <= 8; i++) tiles.push(await sharp(`/work/shared/data/fingerprints/fvc2002/${set}/${finger}_${i}.tif`).grayscale().raw().toBuffer({ resolveWithObject: true }));
const { width: w, height: h } = tiles[0].info;
const comp = tiles.map((t, k) => ({ input: t.data, raw: { width: t.info.width, height: t.info.height, channels: 1 }, left: (k % 4) * w, top: Math.floor(k / 4) * h }));
await sharp({ create: { width: 4 * w, height: 2 * h, channels: 3, background: "#fff" } }).composite(comp).png().toBuffer().then((b) => sharp(b).resize(2 * w).png().toFile(out));
