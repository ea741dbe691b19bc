/**
 * Allele designations: parsing, validation and canonical text.
 *
 * Accepted forms (STRBase nomenclature, ISFG 1997/2006 recommendations):
 * - repeat numbers: `15`, microvariants `9.3`, `13.2`, pentanucleotide `.4` (the digit after the
 *   point counts bases beyond the last full repeat, so it must be below the repeat unit length);
 *   base-pair coded loci (norSTR's APOAI1, D11S554, D17S906) take integers only;
 * - off-ladder values: `<8` (below the smallest ladder allele), `>27` (above the largest), `OL`
 *   (off ladder, no value). Each is its own designation: it equals only the same designation,
 *   since the true repeat number is not known (see search semantics in locus-comparison.ts);
 * - `X` and `Y` at Amelogenin only;
 * - the wildcard `*` (Prüm, Council Decision 2008/616/JHA annex ch.1: a designation that may
 *   stand for any allele value at that position).
 *
 * Error messages: a malformed designation is quoted (at most MAX_QUOTED_DESIGNATION characters)
 * next to the canonical locus, because the issue asks for the value to be named and a lab cannot
 * fix a row otherwise. A string that failed to parse is not a genotype; valid alleles are never
 * put in a message or a log line.
 */
import { EngineError } from '../errors.js';
import { MAX_QUOTED_DESIGNATION } from './dna-parameters.js';
import type { LocusInfo } from './locus-registry.js';

export const WILDCARD = '*';
export const OFF_LADDER = 'OL';

export type AlleleForm = 'repeat' | 'below-ladder' | 'above-ladder' | 'off-ladder' | 'sex' | 'wildcard';

export interface Allele {
  /** Canonical text: `9.3`, `<8`, `>27`, `OL`, `X`, `*`. */
  readonly designation: string;
  readonly form: AlleleForm;
  /** Sort key: repeat number (off-ladder `<n` just below n, `>n` just above, OL last). */
  readonly order: number;
}

const NUMBER = /^(\d{1,4})(?:\.(\d))?$/;

/** Quoted, shortened designation for an error message (see file comment). */
export function quoteDesignation(raw: string): string {
  const s = raw.length > MAX_QUOTED_DESIGNATION ? `${raw.slice(0, MAX_QUOTED_DESIGNATION)}…` : raw;
  return JSON.stringify(s);
}

function parseRepeat(text: string, locus: LocusInfo, field: string, raw: string): { value: string; order: number } {
  const m = NUMBER.exec(text);
  if (m === null) throw EngineError.invalidArgument(field, `allele designation ${quoteDesignation(raw)} is not valid at ${locus.name}`);
  const whole = Number(m[1]);
  if (m[2] === undefined) return { value: String(whole), order: whole };
  const frac = Number(m[2]);
  if (locus.basePairCoded) {
    throw EngineError.invalidArgument(field, `allele designation ${quoteDesignation(raw)} is not valid at ${locus.name} (coded in base pairs)`);
  }
  const maxFrac = (locus.repeatUnit ?? 10) - 1;
  if (frac < 1 || frac > maxFrac) {
    throw EngineError.invalidArgument(
      field,
      `allele designation ${quoteDesignation(raw)} is not valid at ${locus.name}: a microvariant adds 1 to ${maxFrac} bases`,
    );
  }
  return { value: `${whole}.${frac}`, order: whole + frac / 10 };
}

/**
 * Parses one designation at a locus. `field` names the request field for errors
 * (`loci.TH01` by default).
 */
export function parseAllele(raw: string, locus: LocusInfo, field?: string): Allele {
  let cache = parsed.get(locus);
  if (cache === undefined) parsed.set(locus, (cache = new Map()));
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const a = parseAlleleUncached(raw, locus, field ?? `loci.${locus.name}`);
  if (cache.size < 4096) cache.set(raw, a);
  return a;
}

/** Parsed designations per locus: imports repeat a small vocabulary millions of times. */
const parsed = new WeakMap<LocusInfo, Map<string, Allele>>();

function parseAlleleUncached(raw: string, locus: LocusInfo, field: string): Allele {
  if (typeof raw !== 'string') throw EngineError.invalidArgument(field, `allele designations at ${locus.name} must be strings`);
  const text = raw.trim();
  if (text === '') throw EngineError.invalidArgument(field, `empty allele designation at ${locus.name}`);
  if (text === WILDCARD) return { designation: WILDCARD, form: 'wildcard', order: Number.MAX_VALUE };
  const upper = text.toUpperCase();
  if (locus.sexMarker) {
    if (upper === 'X') return { designation: 'X', form: 'sex', order: 1 };
    if (upper === 'Y') return { designation: 'Y', form: 'sex', order: 2 };
    throw EngineError.invalidArgument(field, `allele designation ${quoteDesignation(raw)} is not valid at ${locus.name} (X or Y)`);
  }
  if (upper === OFF_LADDER) return { designation: OFF_LADDER, form: 'off-ladder', order: 1e6 };
  if (text.startsWith('<') || text.startsWith('>')) {
    const { value, order } = parseRepeat(text.slice(1).trim(), locus, field, raw);
    return text[0] === '<'
      ? { designation: `<${value}`, form: 'below-ladder', order: order - 0.05 }
      : { designation: `>${value}`, form: 'above-ladder', order: order + 0.05 };
  }
  const { value, order } = parseRepeat(text, locus, field, raw);
  return { designation: value, form: 'repeat', order };
}

/** Ascending by repeat number; ties (never for distinct designations) by text. */
export function compareAlleles(a: Allele, b: Allele): number {
  return a.order - b.order || (a.designation < b.designation ? -1 : a.designation > b.designation ? 1 : 0);
}
