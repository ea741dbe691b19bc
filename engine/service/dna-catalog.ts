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
  DnaIndex, LocusRegistry, loadFrequencyFiles, profileContentHash, toStoredProfile, fromStoredProfile,
  DEFAULT_POPULATION, type DnaProfile, type LocusDefinition, type FrequencyFile, type PopulationTables, type ProfileKind, type StoredDnaProfile,
  type DnaSearchOptions, type DnaSearchResult, type KinshipSearchOptions, type KinshipSearchResult,
} from '../dna/index.js';
import { isAgency } from '../security/access.js';
import type { StoredRecord, Visibility } from '../store/record.js';
import type { RecordStore } from '../store/record-store.js';
import type { ServingIndex } from './operations/admin.js';

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
}

export class DnaCatalog implements ServingIndex {
  readonly name = 'dna-loci';
  readonly registry: LocusRegistry;
  readonly tables: PopulationTables;
  readonly index: DnaIndex;
  readonly minTypedLoci: number | undefined;
  private isLoaded = false;
  private readonly identities = new Map<string, { subjectId: string; externalId: string; ownerAgency: string }>();

  constructor(options: DnaCatalogOptions = {}) {
    this.registry = LocusRegistry.create(options.customLoci ?? []);
    this.tables = loadFrequencyFiles(options.frequencyFiles ?? bundledFrequencyFiles(), this.registry, options.defaultPopulation ?? DEFAULT_POPULATION);
    this.index = new DnaIndex({ registry: this.registry, tables: this.tables });
    this.minTypedLoci = options.minTypedLoci;
  }

  async load(store: RecordStore): Promise<void> {
    this.index.reserve(store.count('dna-profile'));
    let n = 0;
    for (const r of store.scan<DnaPayload>('dna-profile')) {
      this.add(r);
      if (++n % 20000 === 0) await new Promise((res) => setImmediate(res));
    }
    this.isLoaded = true;
  }

  loaded(): boolean { return this.isLoaded; }
  entries(): number { return this.index.size; }

  /** The domain profile of a stored record (its payload is canonical, so this cannot fail). */
  profileOf(r: StoredRecord<DnaPayload>): DnaProfile {
    return fromStoredProfile(r.payload, this.registry);
  }

  add(r: StoredRecord<DnaPayload>): void {
    this.index.add(r.id, this.profileOf(r), metaOf(r.ownerAgency, r.visibility, r.payload.kind));
    this.identities.set(r.id, { subjectId: r.subjectId, externalId: r.externalId ?? '', ownerAgency: r.ownerAgency });
  }

  remove(id: string): void {
    this.index.remove(id);
    this.identities.delete(id);
  }

  /** Who a record is (subject, external id, owner), kept here so candidates need no store read. */
  identity(id: string): { subjectId: string; externalId: string; ownerAgency: string } {
    return this.identities.get(id) ?? { subjectId: '', externalId: '', ownerAgency: '' };
  }

  /** Exact search; an empty or malformed viewer sees nothing (the one access rule fails closed). */
  async search(query: DnaProfile, options: DnaSearchOptions & { viewerAgency: string }, signal?: AbortSignal): Promise<DnaSearchResult> {
    if (signal?.aborted) throw signal.reason;
    const r = this.index.search(query, options);
    return isAgency(options.viewerAgency) ? r : { ...r, candidates: [], totalHits: 0 };
  }

  async kinshipSearch(query: DnaProfile, options: KinshipSearchOptions & { viewerAgency: string }, signal?: AbortSignal): Promise<KinshipSearchResult> {
    if (signal?.aborted) throw signal.reason;
    const r = this.index.kinshipSearch(query, options);
    return isAgency(options.viewerAgency) ? r : { ...r, candidates: [], totalHits: 0 };
  }
}

export function payloadOf(profile: DnaProfile): DnaPayload {
  return { ...toStoredProfile(profile), contentHash: profileContentHash(profile) };
}

function metaOf(ownerAgency: string, visibility: Visibility, kind: ProfileKind) {
  return { kind, ownerAgency, visibleTo: visibility.agencies, visibleToAll: visibility.allAgencies };
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
