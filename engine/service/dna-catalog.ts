/**
 * The DNA side of the running service: the locus registry, the population frequency tables, and
 * the in-memory DnaIndex, rebuilt from the store at start and updated by enrol and delete while
 * searches run. The store keeps each profile in its canonical JSON form (canonical locus names and
 * designations) with its content hash, so re-imports can tell unchanged rows from changed ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protoDir } from './proto.js';
import {
  LocusRegistry, loadFrequencyFiles, profileContentHash, toStoredProfile,
  DEFAULT_POPULATION, type DnaProfile, type LocusDefinition, type FrequencyFile, type PopulationTables, type StoredDnaProfile,
  type DnaSearchOptions, type DnaSearchResult, type KinshipSearchOptions, type KinshipSearchResult,
} from '../dna/index.js';
import { DnaGallery } from '../workers/dna-gallery.js';
import type { StoredRecord } from '../store/record.js';
import type { RecordStore } from '../store/record-store.js';
import type { ServingIndex } from './operations/admin.js';

/** The DNA index snapshot's file in the data directory. */
export const DNA_SNAPSHOT_FILE = 'dna-index.snapshot';

/** The stored form: the domain's canonical profile plus its content hash (for re-import). */
export interface DnaPayload extends StoredDnaProfile {
  contentHash: string;
}

/** The tables shipped in engine/dna/frequency-tables/ (found from the project root, also in dist/). */
export function bundledFrequencyFiles(): FrequencyFile[] {
  const dir = (name: string) => join(protoDir(), '..', 'engine', 'dna', 'frequency-tables', name);
  return [
    { source: 'nist1036', path: dir('nist1036_us_29loci_freqs.csv') },
    { source: 'fbi2015', path: dir('fbi2015_expanded_codis_freqs.csv') },
  ];
}

export interface DnaCatalogOptions {
  /** Extra loci (or aliases of known loci) beyond the built-in catalogue. */
  customLoci?: LocusDefinition[];
  frequencyFiles?: FrequencyFile[];
  defaultPopulation?: string;
  minTypedLoci?: number;
  /** The DNA index snapshot (dna-gallery.ts): its file, and the encryption-at-rest key's bytes to seal it. */
  snapshot?: { path: string; sealKey?: Uint8Array };
  log?: (message: string, fields: Record<string, string | number | boolean>) => void;
}

export class DnaCatalog implements ServingIndex {
  readonly name = 'dna-loci';
  readonly registry: LocusRegistry;
  readonly tables: PopulationTables;
  /** The profiles, indexed on their own thread (engine/workers/dna-gallery.ts). */
  readonly gallery: DnaGallery;
  readonly minTypedLoci: number | undefined;
  private store: RecordStore | undefined;

  constructor(options: DnaCatalogOptions & { onAddFailed?: (recordId: string, reason: string) => void } = {}) {
    this.registry = LocusRegistry.create(options.customLoci ?? []);
    this.tables = loadFrequencyFiles(options.frequencyFiles ?? bundledFrequencyFiles(), this.registry, options.defaultPopulation ?? DEFAULT_POPULATION);
    this.gallery = new DnaGallery({
      registry: this.registry, tables: this.tables,
      ...(options.onAddFailed ? { onAddFailed: (id, e) => options.onAddFailed!(id, e.message) } : {}),
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    this.minTypedLoci = options.minTypedLoci;
  }

  load(store: RecordStore): Promise<void> {
    this.store = store;
    return this.gallery.load(store);
  }

  /** Writes the index snapshot, when one is configured (called at shutdown, before the store closes). */
  async save(): Promise<void> {
    if (this.store !== undefined) await this.gallery.save(this.store);
  }

  loaded(): boolean { return this.gallery.loaded(); }
  entries(): number { return this.gallery.entries(); }

  /** Call after the store has acknowledged the record. */
  add(r: StoredRecord<DnaPayload>): void {
    this.gallery.add(r);
  }

  remove(id: string): void {
    this.gallery.remove(id);
  }

  /** Exact search off the event loop; the one access rule filters by the viewer (fail-closed). */
  search(query: DnaProfile, options: DnaSearchOptions & { viewerAgency: string }, signal?: AbortSignal): Promise<DnaSearchResult> {
    return this.gallery.search(query, options, signal);
  }

  kinshipSearch(query: DnaProfile, options: KinshipSearchOptions & { viewerAgency: string }, signal?: AbortSignal): Promise<KinshipSearchResult> {
    return this.gallery.kinshipSearch(query, options, signal);
  }

  close(): Promise<void> {
    return this.gallery.close();
  }
}

export function payloadOf(profile: DnaProfile): DnaPayload {
  return { ...toStoredProfile(profile), contentHash: profileContentHash(profile) };
}

/** Reads a custom-loci file: a JSON array of {name, repeatUnit?, aliases?}. */
export function readCustomLoci(path: string): LocusDefinition[] {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(value)) throw new Error(`${path}: must be a JSON array of loci`);
  return value.map((v, i) => {
    const o = v as { name?: unknown; repeatUnit?: unknown; aliases?: unknown };
    if (typeof o?.name !== 'string') throw new Error(`${path}: entry ${i} needs a "name"`);
    if (o.repeatUnit !== undefined && typeof o.repeatUnit !== 'number') throw new Error(`${path}: entry ${i}: "repeatUnit" must be a number`);
    if (o.aliases !== undefined && (!Array.isArray(o.aliases) || o.aliases.some((a) => typeof a !== 'string'))) throw new Error(`${path}: entry ${i}: "aliases" must be strings`);
    return { name: o.name, ...(o.repeatUnit !== undefined ? { repeatUnit: o.repeatUnit as number } : {}), ...(o.aliases ? { aliases: o.aliases as string[] } : {}) };
  });
}
