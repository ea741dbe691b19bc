/**
 * STR profiles: the validated internal form every DNA operation works on.
 *
 * A locus genotype is a set of distinct concrete alleles plus a number of wildcard positions.
 * A homozygote may be written once or twice (`["12"]` = `["12","12"]`); by the same rule a lone
 * wildcard `["*"]` stands for both positions (`["*","*"]`), i.e. a typed locus whose values are
 * unknown.
 */
import { EngineError } from '../errors.js';
import { compareAlleles, parseAllele, WILDCARD, type Allele } from './allele.js';
import {
  DEFAULT_MIN_TYPED_LOCI,
  MAX_MIXTURE_ALLELES,
  MAX_SINGLE_SOURCE_ALLELES,
} from './dna-parameters.js';
import type { LocusInfo, LocusRegistry } from './locus-registry.js';

export const PROFILE_KINDS = [
  'offender',
  'arrestee',
  'suspect',
  'elimination',
  'forensic-unknown',
  'forensic-mixture',
  'missing-person',
  'unidentified-remains',
  'relative-of-missing',
] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const RELATIONSHIPS = ['parent-child', 'full-sibling'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Reference kinds hold 1–2 alleles per locus (3 for a tri-allelic pattern). */
export const REFERENCE_KINDS: readonly ProfileKind[] = ['offender', 'arrestee', 'suspect', 'elimination'];

function foldEnumName(s: string): string {
  return s.toLowerCase().replace(/^(profile_kind_|relationship_)/, '').replace(/[\s_]+/g, '-');
}

/** `offender`, `OFFENDER`, `PROFILE_KIND_OFFENDER`, `forensic_mixture` ... -> ProfileKind. */
export function parseProfileKind(name: string, field = 'kind'): ProfileKind {
  const k = foldEnumName(name);
  const alias: Record<string, ProfileKind> = {
    'forensic-single-source': 'forensic-unknown',
    mixture: 'forensic-mixture',
    'unidentified-human-remains': 'unidentified-remains',
    'relative-of-missing-person': 'relative-of-missing',
  };
  const kind = (PROFILE_KINDS as readonly string[]).includes(k) ? (k as ProfileKind) : alias[k];
  if (kind === undefined) throw EngineError.invalidArgument(field, `unknown profile kind ${JSON.stringify(name.slice(0, 40))}`);
  return kind;
}

/** `parent-child`, `PARENT_CHILD`, `RELATIONSHIP_FULL_SIBLING`, `sibling` ... -> Relationship. */
export function parseRelationship(name: string, field = 'relationship'): Relationship {
  const k = foldEnumName(name);
  const alias: Record<string, Relationship> = {
    parent: 'parent-child', child: 'parent-child', paternity: 'parent-child', maternity: 'parent-child',
    sibling: 'full-sibling', 'full-sib': 'full-sibling',
  };
  const rel = (RELATIONSHIPS as readonly string[]).includes(k) ? (k as Relationship) : alias[k];
  if (rel === undefined) throw EngineError.invalidArgument(field, `unknown relationship ${JSON.stringify(name.slice(0, 40))}`);
  return rel;
}

export interface LocusGenotype {
  /** Canonical locus name. */
  readonly locus: string;
  /** Distinct concrete alleles, ascending. */
  readonly alleles: readonly Allele[];
  /** Wildcard positions (0, 1, or 2 for a locus typed only as `*`; mixtures may have more). */
  readonly wildcards: number;
}

export interface DnaProfile {
  /** Canonical locus name -> genotype, in registry order. */
  readonly loci: ReadonlyMap<string, LocusGenotype>;
  readonly kind: ProfileKind;
  readonly relationship?: Relationship;
  readonly caseReference?: string;
}

/** Untrusted input: locus name (any alias) -> designations as typed. */
export interface DnaProfileInput {
  loci: Readonly<Record<string, readonly string[]>>;
  kind?: ProfileKind | string;
  relationship?: Relationship | string;
  caseReference?: string;
}

export interface ProfileRules {
  /** Minimum typed autosomal loci; default DEFAULT_MIN_TYPED_LOCI. 0 disables the check. */
  minTypedLoci?: number;
  /** Kind used when the input has none; default: inferred (mixture if any locus holds > 3 alleles). */
  defaultKind?: ProfileKind;
  /** Field prefix for errors (`profile.` over gRPC). */
  fieldPrefix?: string;
}

/** Canonical designations of a genotype, as responses show it (`["12","*"]`, `["*"]`). */
export function genotypeDesignations(g: LocusGenotype): string[] {
  const out = g.alleles.map((a) => a.designation);
  if (g.alleles.length === 0 && g.wildcards > 0) return [WILDCARD];
  for (let i = 0; i < g.wildcards; i++) out.push(WILDCARD);
  return out;
}

/** Builds a genotype from designations; throws INVALID_ARGUMENT naming the locus. */
export function parseGenotype(locus: LocusInfo, designations: readonly string[], field: string): LocusGenotype {
  if (!Array.isArray(designations)) throw EngineError.invalidArgument(field, `alleles at ${locus.name} must be a list`);
  const alleles: Allele[] = [];
  let wildcards = 0;
  for (const raw of designations) {
    const a = parseAllele(raw, locus, field);
    if (a.form === 'wildcard') wildcards++;
    else if (!alleles.some((b) => b.designation === a.designation)) alleles.push(a);
  }
  if (alleles.length > 1) alleles.sort(compareAlleles);
  // `["*"]` is the one-position form of `["*","*"]`, as `["12"]` is of `["12","12"]`.
  if (alleles.length === 0 && wildcards === 1) wildcards = 2;
  return { locus: locus.name, alleles, wildcards };
}

/** Positions a genotype occupies: a homozygote or a lone wildcard counts two. */
export function genotypePositions(g: LocusGenotype): number {
  return Math.max(g.alleles.length + g.wildcards, 2);
}

export function isMixture(p: DnaProfile): boolean {
  return p.kind === 'forensic-mixture';
}

/** Loci with at least one concrete allele, Amelogenin excluded: what minimum-loci rules count. */
export function typedLociCount(p: DnaProfile, registry: LocusRegistry): number {
  let n = 0;
  for (const g of p.loci.values()) if (g.alleles.length > 0 && !registry.find(g.locus)?.sexMarker) n++;
  return n;
}

/**
 * Validates untrusted input into a profile: canonical locus names, parsed alleles, allele-count
 * limits by kind, and the minimum number of typed loci.
 */
export function buildProfile(input: DnaProfileInput, registry: LocusRegistry, rules: ProfileRules = {}): DnaProfile {
  const prefix = rules.fieldPrefix ?? '';
  if (typeof input !== 'object' || input === null || typeof input.loci !== 'object' || input.loci === null || Array.isArray(input.loci)) {
    throw EngineError.invalidArgument(`${prefix}loci`, 'a profile needs a "loci" object of locus -> alleles');
  }
  const byIndex: { info: LocusInfo; g: LocusGenotype }[] = [];
  const seen = new Map<string, string>();
  for (const [name, designations] of Object.entries(input.loci)) {
    const info = registry.resolve(name, `${prefix}loci`);
    const field = `${prefix}loci.${info.name}`;
    const earlier = seen.get(info.name);
    if (earlier !== undefined) {
      throw EngineError.invalidArgument(field, `locus given twice (as ${JSON.stringify(earlier)} and ${JSON.stringify(name)})`);
    }
    seen.set(info.name, name);
    if (!Array.isArray(designations)) throw EngineError.invalidArgument(field, `alleles at ${info.name} must be a list`);
    if (designations.length === 0) continue; // an empty list: not typed
    byIndex.push({ info, g: parseGenotype(info, designations, field) });
  }
  let kind: ProfileKind;
  if (input.kind !== undefined && input.kind !== '') kind = parseProfileKind(String(input.kind), `${prefix}kind`);
  else if (rules.defaultKind !== undefined) kind = rules.defaultKind;
  else kind = byIndex.some(({ g }) => g.alleles.length + g.wildcards > MAX_SINGLE_SOURCE_ALLELES) ? 'forensic-mixture' : 'forensic-unknown';

  const limit = kind === 'forensic-mixture' ? MAX_MIXTURE_ALLELES : MAX_SINGLE_SOURCE_ALLELES;
  for (const { info, g } of byIndex) {
    const n = g.alleles.length + (g.alleles.length === 0 ? 1 : g.wildcards);
    if (n > limit) {
      throw EngineError.invalidArgument(
        `${prefix}loci.${info.name}`,
        kind === 'forensic-mixture'
          ? `${n} alleles at ${info.name}; at most ${limit} per locus`
          : `${n} alleles at ${info.name}; a single-source (${kind}) profile holds 1 or 2 (3 for a tri-allelic pattern); use kind forensic-mixture for mixtures`,
      );
    }
    if (info.sexMarker && g.alleles.length > 2) throw EngineError.invalidArgument(`${prefix}loci.${info.name}`, 'Amelogenin holds X and/or Y');
  }
  let relationship: Relationship | undefined;
  if (input.relationship !== undefined && input.relationship !== '') relationship = parseRelationship(String(input.relationship), `${prefix}relationship`);
  if (kind === 'relative-of-missing' && relationship === undefined) {
    throw EngineError.invalidArgument(`${prefix}relationship`, 'a relative of a missing person needs the stated relationship (parent-child or full-sibling)');
  }
  byIndex.sort((a, b) => a.info.index - b.info.index);
  const loci = new Map<string, LocusGenotype>(byIndex.map(({ info, g }) => [info.name, g]));
  const profile: DnaProfile = {
    loci,
    kind,
    ...(relationship !== undefined ? { relationship } : {}),
    ...(input.caseReference !== undefined && input.caseReference !== '' ? { caseReference: String(input.caseReference) } : {}),
  };
  const minLoci = rules.minTypedLoci ?? DEFAULT_MIN_TYPED_LOCI;
  let typed = 0;
  for (const { info, g } of byIndex) if (g.alleles.length > 0 && !info.sexMarker) typed++;
  if (typed < minLoci) {
    throw EngineError.invalidArgument(
      `${prefix}loci`,
      `profile has ${typed} typed autosomal loci (Amelogenin and wildcard-only loci not counted); at least ${minLoci} are required`,
    );
  }
  return profile;
}

/** The profile as locus -> canonical designations (JSON-friendly, canonical names). */
export function profileToLociRecord(p: DnaProfile): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, g] of p.loci) out[name] = genotypeDesignations(g);
  return out;
}

/** The JSON-safe form for the store: canonical names and designations, kind, relationship, case. */
export interface StoredDnaProfile {
  loci: Record<string, string[]>;
  kind: ProfileKind;
  relationship?: Relationship;
  caseReference?: string;
}

export function toStoredProfile(p: DnaProfile): StoredDnaProfile {
  return {
    loci: profileToLociRecord(p),
    kind: p.kind,
    ...(p.relationship !== undefined ? { relationship: p.relationship } : {}),
    ...(p.caseReference !== undefined ? { caseReference: p.caseReference } : {}),
  };
}

/**
 * Rebuilds a stored profile (index rebuild at start). The minimum-loci rule is not applied again:
 * a record enrolled under an older, lower minimum stays searchable.
 */
export function fromStoredProfile(s: StoredDnaProfile, registry: LocusRegistry): DnaProfile {
  return buildProfile(s, registry, { minTypedLoci: 0, defaultKind: s.kind });
}
