/**
 * The JSON form of a profile used by the CLI and by JSON import:
 * `{"id": "GT37019", "loci": {"D3S1358": ["15", "16"], "vWA": ["17"]}, "kind"?, "owner"?,
 *   "caseReference"?, "relationship"?, "population"?}`.
 * Allele designations may be strings or JSON numbers (`15`, `9.3`).
 */
import { EngineError, ErrorCode } from '../errors.js';
import { buildProfile, type DnaProfile, type ProfileRules } from './dna-profile.js';
import type { LocusRegistry } from './locus-registry.js';

export interface ProfileDocument {
  /** The profile's own id (the lab's sample id). */
  id: string;
  profile: DnaProfile;
  ownerAgency?: string;
  /** Population label carried by the row (informational; not a table choice). */
  population?: string;
}

const KNOWN_KEYS = new Set(['id', 'loci', 'kind', 'owner', 'caseReference', 'case_reference', 'relationship', 'population']);

function optionalString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw EngineError.invalidArgument(key, 'must be a string');
  return v;
}

/** Validates a parsed JSON value into a profile document. */
export function parseProfileDocument(value: unknown, registry: LocusRegistry, rules: ProfileRules = {}): ProfileDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw EngineError.invalidArgument('profile', 'a profile is a JSON object with "id" and "loci"');
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KNOWN_KEYS.has(k)) throw EngineError.invalidArgument(k.slice(0, 40), 'unknown field in a profile object');
  }
  const id = o.id;
  if (typeof id !== 'string' || id.trim() === '') throw EngineError.invalidArgument('id', 'a profile needs a non-empty string "id"');
  const rawLoci = o.loci;
  if (typeof rawLoci !== 'object' || rawLoci === null || Array.isArray(rawLoci)) {
    throw EngineError.invalidArgument('loci', 'must be an object of locus -> list of alleles');
  }
  const loci: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(rawLoci as Record<string, unknown>)) {
    const values = typeof list === 'string' || typeof list === 'number' ? [list] : list;
    if (!Array.isArray(values)) throw EngineError.invalidArgument(`loci.${name.slice(0, 40)}`, 'alleles must be a list');
    loci[name] = values.map((v: unknown) => {
      if (typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      throw EngineError.invalidArgument(`loci.${registry.find(name)?.name ?? name.slice(0, 40)}`, 'allele designations must be strings or numbers');
    });
  }
  const caseReference = optionalString(o, 'caseReference') ?? optionalString(o, 'case_reference');
  const kind = optionalString(o, 'kind');
  const relationship = optionalString(o, 'relationship');
  const profile = buildProfile(
    {
      loci,
      ...(kind !== undefined ? { kind } : {}),
      ...(relationship !== undefined ? { relationship } : {}),
      ...(caseReference !== undefined ? { caseReference } : {}),
    },
    registry,
    rules,
  );
  const owner = optionalString(o, 'owner');
  const population = optionalString(o, 'population');
  return {
    id: id.trim(),
    profile,
    ...(owner !== undefined && owner !== '' ? { ownerAgency: owner } : {}),
    ...(population !== undefined && population !== '' ? { population } : {}),
  };
}

/** Parses the text of a profile file (the CLI's PROFILE.json). */
export function parseProfileJson(text: string, registry: LocusRegistry, rules: ProfileRules = {}): ProfileDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // The parser's message can quote the input; say only where.
    throw new EngineError(ErrorCode.InvalidArgument, 'profile: not valid JSON', { field: 'profile', cause: e });
  }
  return parseProfileDocument(value, registry, rules);
}
