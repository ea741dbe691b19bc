/**
 * Writes a synthetic STR database in the NIST 1036 CSV layout (or the JSON import form), drawn
 * from the NIST 1036 population tables, optionally with the 1036 real profiles planted: input for
 * `biomatch dna import` and for import-rate measurements.
 *
 *   npx tsx scripts/dna-synthetic-db.ts --count 100000 --out /tmp/dna-100k.csv [--format csv|json]
 *     [--plant] [--seed 1]
 */
import { createWriteStream } from 'node:fs';
import { loadNist1036Profiles, loadSharedTables } from '../fixtures/dna/nist1036.js';
import { SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { genotypeDesignations, profileToLociRecord, type DnaProfile } from '../engine/dna/dna-profile.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '') : dflt;
}
const count = Number(arg('count', '10000'));
const out = arg('out');
const format = arg('format', 'csv');
const plant = process.argv.includes('--plant');
const seed = Number(arg('seed', '1'));
if (out === undefined || !(count >= 0) || (format !== 'csv' && format !== 'json')) {
  console.error('usage: dna-synthetic-db.ts --count N --out FILE [--format csv|json] [--plant] [--seed S]');
  process.exit(2);
}

const registry = LocusRegistry.create();
const tables = loadSharedTables(registry);
const pops = ['AfAm', 'Asian', 'Cauc', 'Hisp'];
const synth = new SyntheticProfiles(registry, pops.map((p) => tables.resolve(`nist1036/${p}`)), seed);
const loci = registry.all().filter((l) => tables.resolve('nist1036/All').hasLocus(l.name)).map((l) => l.name);
const stream = createWriteStream(out);
const write = (s: string): Promise<void> => new Promise((res) => (stream.write(s) ? res() : stream.once('drain', () => res())));

function csvRow(id: string, population: string, p: DnaProfile): string {
  const cells = [id, population];
  for (const l of loci) {
    const g = p.loci.get(l);
    const d = g === undefined ? [] : genotypeDesignations(g);
    cells.push(d[0] ?? '', d[1] ?? d[0] ?? '');
  }
  return `${cells.join(',')}\n`;
}

const rows: { id: string; population: string; profile: DnaProfile }[] = [];
if (plant) for (const r of loadNist1036Profiles(registry)) rows.push({ id: r.sampleId, population: r.population ?? '', profile: r.profile });
if (format === 'csv') await write(`sample,population,${loci.map((l) => `${l.replace(/ /g, '_')}_1,${l.replace(/ /g, '_')}_2`).join(',')}\n`);
else await write('[\n');
let first = true;
const emit = async (id: string, population: string, p: DnaProfile): Promise<void> => {
  if (format === 'csv') await write(csvRow(id, population, p));
  else {
    const loci = profileToLociRecord(p);
    delete loci.AMEL;
    await write(`${first ? '' : ',\n'}${JSON.stringify({ id, loci })}`);
    first = false;
  }
};
for (const r of rows) await emit(r.id, r.population, r.profile);
for (let i = 0; i < count; i++) await emit(`SYN${String(i).padStart(8, '0')}`, 'synthetic', synth.next());
if (format === 'json') await write('\n]\n');
stream.end();
console.log(`wrote ${rows.length + count} profiles to ${out}`);
