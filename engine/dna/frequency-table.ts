/**
 * Population allele-frequency tables, loaded from the CSV layout of the shared data
 * (`population, locus, allele, count, n_alleles, frequency`; norSTR: `population, locus, allele,
 * frequency, n` without counts). Columns are found by header name, so order does not matter.
 *
 * Minimum allele frequency (NRC II 1996, recommendation 4.3 / §5.3): an allele seen fewer than 5
 * times among 2N counted alleles gets 5/2N; an allele never seen gets 5/2N too. Tables without
 * counts use their own published floor (norSTR: 0.001).
 */
import { EngineError, ErrorCode } from '../errors.js';
import { FLOOR_FREQUENCY_WITHOUT_COUNTS, MIN_ALLELE_COUNT } from './dna-parameters.js';
import { parseAllele } from './allele.js';
import type { LocusRegistry } from './locus-registry.js';

export interface LocusFrequencies {
  /** Canonical designation -> relative frequency, as published. */
  readonly frequencies: ReadonlyMap<string, number>;
  /** Alleles counted at this locus (2N), when the table gives counts. */
  readonly alleleCount?: number;
  /** Frequency used for unseen and rare alleles. */
  readonly minimumFrequency: number;
}

export class FrequencyTable {
  constructor(
    /** Table name used in requests: `source/population` (e.g. `nist1036/Cauc`). */
    readonly name: string,
    readonly loci: ReadonlyMap<string, LocusFrequencies>,
    /** The file the table was read from, when it came from one (listed to callers by base name). */
    readonly sourceFile?: string,
  ) {}

  hasLocus(locus: string): boolean {
    return this.loci.has(locus);
  }

  /**
   * Frequency of an allele at a canonical locus, raised to the minimum frequency; undefined when
   * the table does not cover the locus at all (the locus then adds nothing to statistics).
   */
  frequency(locus: string, designation: string): number | undefined {
    const l = this.loci.get(locus);
    if (l === undefined) return undefined;
    const f = l.frequencies.get(designation) ?? 0;
    return f > l.minimumFrequency ? f : l.minimumFrequency;
  }
}

/** A tiny CSV line splitter (RFC 4180 quotes) for table files. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

interface Accum { freqs: Map<string, number>; n?: number }

/**
 * Parses a frequency CSV into one table per population, named `${source}/${population}`.
 * Locus names go through the registry's aliases; allele designations are canonicalised
 * (`>27` stays an allele of its own).
 */
export function parseFrequencyCsv(text: string, source: string, registry: LocusRegistry, sourceFile?: string): FrequencyTable[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  const iPop = col('population');
  const iLocus = col('locus');
  const iAllele = col('allele');
  const iFreq = col('frequency');
  const iN = col('n_alleles') >= 0 ? col('n_alleles') : col('n');
  if (iPop < 0 || iLocus < 0 || iAllele < 0 || iFreq < 0) {
    throw EngineError.invalidArgument('frequencyTable', `${source}: header needs population, locus, allele and frequency columns`);
  }
  const pops = new Map<string, Map<string, Accum>>();
  for (let ln = 1; ln < lines.length; ln++) {
    const line = lines[ln];
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    const where = `${source} line ${ln + 1}`;
    const locus = registry.find(cells[iLocus]?.trim() ?? '');
    if (locus === undefined) throw EngineError.invalidArgument('frequencyTable', `${where}: unknown locus ${JSON.stringify((cells[iLocus] ?? '').slice(0, 40))}`);
    const allele = parseAllele(cells[iAllele] ?? '', locus, 'frequencyTable');
    const f = Number(cells[iFreq]);
    if (!(f >= 0 && f <= 1)) throw EngineError.invalidArgument('frequencyTable', `${where}: frequency must be in [0, 1]`);
    const pop = cells[iPop].trim();
    let byLocus = pops.get(pop);
    if (byLocus === undefined) pops.set(pop, (byLocus = new Map()));
    let acc = byLocus.get(locus.name);
    if (acc === undefined) byLocus.set(locus.name, (acc = { freqs: new Map() }));
    acc.freqs.set(allele.designation, (acc.freqs.get(allele.designation) ?? 0) + f);
    const n = iN >= 0 ? Number(cells[iN]) : NaN;
    if (Number.isFinite(n) && n > 0 && cells[iN].trim() !== '') acc.n = n;
  }
  const tables: FrequencyTable[] = [];
  for (const [pop, byLocus] of pops) {
    const loci = new Map<string, LocusFrequencies>();
    for (const [locus, acc] of byLocus) {
      const minimumFrequency = acc.n !== undefined ? MIN_ALLELE_COUNT / acc.n : FLOOR_FREQUENCY_WITHOUT_COUNTS;
      loci.set(locus, { frequencies: acc.freqs, ...(acc.n !== undefined ? { alleleCount: acc.n } : {}), minimumFrequency });
    }
    tables.push(new FrequencyTable(`${source}/${pop}`, loci, sourceFile));
  }
  return tables;
}

/**
 * The tables a server has loaded, looked up by `source/population` or, when unambiguous, by the
 * bare population name. One default serves requests that name none.
 */
export class PopulationTables {
  private readonly tables = new Map<string, FrequencyTable>();
  private defaultName: string | undefined;

  constructor(tables: readonly FrequencyTable[] = [], defaultName?: string) {
    for (const t of tables) this.add(t);
    if (defaultName !== undefined) this.setDefault(defaultName);
  }

  add(table: FrequencyTable): void {
    this.tables.set(table.name, table);
    this.defaultName ??= table.name;
  }

  addCsv(text: string, source: string, registry: LocusRegistry, sourceFile?: string): FrequencyTable[] {
    const ts = parseFrequencyCsv(text, source, registry, sourceFile);
    for (const t of ts) this.add(t);
    return ts;
  }

  setDefault(name: string): void {
    this.defaultName = this.resolve(name).name;
  }

  names(): string[] {
    return [...this.tables.keys()];
  }

  /** Every loaded table, in load order. */
  all(): FrequencyTable[] {
    return [...this.tables.values()];
  }

  get defaultTableName(): string | undefined {
    return this.defaultName;
  }

  /** The named table (empty or undefined: the default); INVALID_ARGUMENT `population` otherwise. */
  resolve(name?: string): FrequencyTable {
    if (name === undefined || name === '') {
      if (this.defaultName === undefined) throw new EngineError(ErrorCode.FailedPrecondition, 'no population frequency table is loaded');
      return this.tables.get(this.defaultName) as FrequencyTable;
    }
    const exact = this.tables.get(name);
    if (exact !== undefined) return exact;
    const bare = [...this.tables.values()].filter((t) => t.name.slice(t.name.indexOf('/') + 1).toLowerCase() === name.toLowerCase());
    if (bare.length === 1) return bare[0];
    throw EngineError.invalidArgument(
      'population',
      bare.length > 1 ? `population ${JSON.stringify(name.slice(0, 60))} is ambiguous; use source/population` : `unknown population table ${JSON.stringify(name.slice(0, 60))}`,
    );
  }
}
