/**
 * Loading frequency tables from files, for the service at start and for tools.
 * The shared data's four tables under their source names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError, ErrorCode } from '../errors.js';
import { PopulationTables } from './frequency-table.js';
import type { LocusRegistry } from './locus-registry.js';

export interface FrequencyFile {
  /** Source name: the prefix of the table names (`nist1036/Cauc`). */
  source: string;
  path: string;
}

/** The tables of `shared/data/dna/` and the source names they load under. */
export function sharedFrequencyFiles(dnaDir: string): FrequencyFile[] {
  return [
    { source: 'nist1036', path: join(dnaDir, 'nist1036_us_29loci_freqs.csv') },
    { source: 'fbi2015', path: join(dnaDir, 'fbi2015_expanded_codis_freqs.csv') },
    { source: 'uk-dna17', path: join(dnaDir, 'uk_dna17_ndnad_popdata_freqs.csv') },
    { source: 'norstr2023', path: join(dnaDir, 'norstr_v2023_50loci_freqs.csv') },
  ];
}

/** Default table: NIST 1036 pooled US population (`All`), which covers all 29 NIST loci. */
export const DEFAULT_POPULATION = 'nist1036/All';

export function loadFrequencyFiles(files: readonly FrequencyFile[], registry: LocusRegistry, defaultName?: string): PopulationTables {
  const tables = new PopulationTables();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch (e) {
      throw new EngineError(ErrorCode.NotFound, `frequency table ${f.source} could not be read`, { cause: e });
    }
    tables.addCsv(text, f.source, registry, f.path);
  }
  if (defaultName !== undefined) tables.setDefault(defaultName);
  return tables;
}
