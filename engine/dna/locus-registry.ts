/**
 * The loci the engine knows, their canonical names and the aliases that resolve to them.
 *
 * Canonical names follow STRBase / the NIST 1036 and FBI tables (`vWA`, `TH01`, `Penta D`,
 * `AMEL`). Aliases are compared after folding case and dropping spaces, `_`, `-`, `/` and `.`,
 * so `Penta D`, `Penta_D`, `PENTA_D` and `pentad` are one locus; letter-O / digit-0 confusions
 * (`CSF1P0`, `THO1`) and older names (`F13A1`, `FES`, `HUMTH01`, `ACTBP2`) are listed explicitly.
 */
import { EngineError } from '../errors.js';

export type LocusSet = 'codis-core' | 'ess' | 'nist-extended' | 'other';

export interface LocusDefinition {
  /** Canonical name, used in every response. */
  readonly name: string;
  /** Repeat unit length in bases; undefined for loci coded in base pairs or unknown. */
  readonly repeatUnit?: number;
  /** True for loci whose alleles are fragment lengths in base pairs (no microvariants). */
  readonly basePairCoded?: boolean;
  /** True for the sex marker: X/Y alleles, excluded from locus counts and statistics. */
  readonly sexMarker?: boolean;
  readonly aliases?: readonly string[];
  /** Which standard sets list the locus. */
  readonly sets?: readonly LocusSet[];
}

/** The 20 CODIS core loci (FBI, expanded core effective 2017). */
export const CODIS_CORE_LOCI: readonly string[] = [
  'CSF1PO', 'D3S1358', 'D5S818', 'D7S820', 'D8S1179', 'D13S317', 'D16S539', 'D18S51', 'D21S11',
  'FGA', 'TH01', 'TPOX', 'vWA', 'D1S1656', 'D2S441', 'D2S1338', 'D10S1248', 'D12S391', 'D19S433',
  'D22S1045',
];

/**
 * The original 13 CODIS core loci (FBI, 1997; NIST STRBase "Core STR Loci"): the first 13 of
 * CODIS_CORE_LOCI. Legacy offender profiles are typed at these.
 */
export const CODIS_13_LOCI: readonly string[] = [
  'CSF1PO', 'D3S1358', 'D5S818', 'D7S820', 'D8S1179', 'D13S317', 'D16S539', 'D18S51', 'D21S11',
  'FGA', 'TH01', 'TPOX', 'vWA',
];

/** The 12 European Standard Set loci (Council Resolution 2009/C 296/01). */
export const ESS_LOCI: readonly string[] = [
  'D3S1358', 'vWA', 'D8S1179', 'D21S11', 'D18S51', 'TH01', 'FGA', 'D1S1656', 'D2S441', 'D10S1248',
  'D12S391', 'D22S1045',
];

/** Autosomal loci of the NIST 1036 data beyond the CODIS core (Hill et al. 2013). */
export const NIST_EXTENDED_LOCI: readonly string[] = [
  'SE33', 'Penta C', 'Penta D', 'Penta E', 'D6S1043', 'F13A01', 'F13B', 'FESFPS', 'LPL',
];

export const AMELOGENIN = 'AMEL';

/**
 * Locus sets a search may be restricted to, by name (folded like locus names: `codis-13` =
 * `CODIS13`). Exchanges compare only the loci both sides are bound to type: Prüm the ESS
 * (Council Resolution 2009/C 296/01), NDIS the CODIS core.
 */
export const NAMED_LOCUS_SETS: Readonly<Record<string, readonly string[]>> = {
  ESS: ESS_LOCI,
  CODIS13: CODIS_13_LOCI,
  CODIS20: CODIS_CORE_LOCI,
};

/** Entries a compared-loci list may hold (a request bound; the registry has about 60 loci). */
export const MAX_COMPARE_LOCI_ENTRIES = 256;

const TRINUCLEOTIDE = new Set(['D22S1045']);
const PENTANUCLEOTIDE = new Set(['Penta C', 'Penta D', 'Penta E']);
/** norSTR codes these three in base pairs (magnusdv/norSTR README), so no repeat unit applies. */
const BASE_PAIR_CODED = new Set(['APOAI1', 'D11S554', 'D17S906']);

/** Further autosomal loci of the norSTR v2023 panel (50 loci), so every shared table resolves. */
const NORSTR_OTHER_LOCI: readonly string[] = [
  'APOAI1', 'D10S1435', 'D10S2325', 'D11S2368', 'D11S554', 'D13S325', 'D14S1434', 'D15S659',
  'D17S1301', 'D17S906', 'D18S1364', 'D19S253', 'D20S482', 'D21S2055', 'D22GATA198B05', 'D2S1360',
  'D3S1744', 'D3S3045', 'D4S2366', 'D5S2500', 'D5S2800', 'D6S474', 'D6S477', 'D7S1517', 'D7S3048',
  'D8S1132', 'D9S1122',
];

const EXTRA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  CSF1PO: ['CSF1P0', 'CSF', 'HUMCSF1PO'],
  TH01: ['THO1', 'TH1', 'HUMTH01', 'HUMTHO1'],
  TPOX: ['HUMTPOX', 'TPO'],
  vWA: ['VWA31', 'HUMVWA', 'HUMVWA31A', 'VWA31A'],
  FGA: ['FIBRA', 'HUMFIBRA'],
  F13A01: ['F13A1', 'HUMF13A01', 'F13A'],
  FESFPS: ['FES', 'FESFPS', 'HUMFESFPS', 'FPS'],
  SE33: ['ACTBP2', 'HUMACTBP2'],
  LPL: ['HUMLPL'],
  F13B: ['HUMF13B'],
  D22GATA198B05: ['D22GATA198B05', 'GATA198B05'],
  AMEL: ['AMELOGENIN', 'AM', 'AMG', 'AMELX', 'AMELXY'],
};

/** The default catalogue: CODIS 20 + Amelogenin, ESS 12, NIST extended, norSTR others. */
export function defaultLocusDefinitions(): LocusDefinition[] {
  const setsOf = (name: string): LocusSet[] => {
    const s: LocusSet[] = [];
    if (CODIS_CORE_LOCI.includes(name)) s.push('codis-core');
    if (ESS_LOCI.includes(name)) s.push('ess');
    if (NIST_EXTENDED_LOCI.includes(name)) s.push('nist-extended');
    if (s.length === 0) s.push('other');
    return s;
  };
  const repeatOf = (name: string): number | undefined =>
    BASE_PAIR_CODED.has(name) ? undefined : TRINUCLEOTIDE.has(name) ? 3 : PENTANUCLEOTIDE.has(name) ? 5 : 4;
  const names = [...new Set([...CODIS_CORE_LOCI, ...ESS_LOCI, ...NIST_EXTENDED_LOCI, ...NORSTR_OTHER_LOCI])];
  const defs: LocusDefinition[] = names.map((name) => ({
    name,
    repeatUnit: repeatOf(name),
    basePairCoded: BASE_PAIR_CODED.has(name),
    aliases: EXTRA_ALIASES[name] ?? [],
    sets: setsOf(name),
  }));
  defs.push({ name: AMELOGENIN, sexMarker: true, aliases: EXTRA_ALIASES[AMELOGENIN], sets: ['codis-core'] });
  return defs;
}

/** Folds a locus name for alias lookup: case, spaces and punctuation do not matter. */
export function foldLocusName(name: string): string {
  return name.toUpperCase().replace(/[\s_\-/.]+/g, '');
}

export interface LocusInfo extends LocusDefinition {
  /** Position in the registry: the order responses list loci in. */
  readonly index: number;
}

/**
 * Resolves locus names to canonical loci. Immutable once built; safe to share.
 * Custom loci come from configuration: `LocusRegistry.create([{ name: 'D99S999', repeatUnit: 4 }])`.
 */
export class LocusRegistry {
  private readonly byFolded = new Map<string, LocusInfo>();
  /** Names as written -> locus: saves folding on every row of an import (bounded). */
  private readonly byRaw = new Map<string, LocusInfo>();
  private readonly list: LocusInfo[] = [];

  private constructor(defs: readonly LocusDefinition[]) {
    for (const def of defs) this.define(def);
  }

  /** The default catalogue plus any custom loci (which may also add aliases to known loci). */
  static create(custom: readonly LocusDefinition[] = []): LocusRegistry {
    return new LocusRegistry([...defaultLocusDefinitions(), ...custom]);
  }

  private define(def: LocusDefinition): void {
    if (typeof def.name !== 'string' || def.name.trim() === '' || foldLocusName(def.name) === '') {
      throw EngineError.invalidArgument('loci', 'a custom locus needs a non-empty name');
    }
    if (def.repeatUnit !== undefined && !(Number.isInteger(def.repeatUnit) && def.repeatUnit >= 2 && def.repeatUnit <= 9)) {
      throw EngineError.invalidArgument(`loci.${def.name}`, 'repeat unit must be an integer from 2 to 9');
    }
    const existing = this.byFolded.get(foldLocusName(def.name));
    if (existing !== undefined) {
      // A custom definition of a known locus only adds aliases.
      for (const alias of def.aliases ?? []) this.addAlias(alias, existing);
      return;
    }
    const info: LocusInfo = { ...def, name: def.name.trim(), index: this.list.length, aliases: def.aliases ?? [], sets: def.sets ?? ['other'] };
    this.list.push(info);
    this.addAlias(info.name, info);
    for (const alias of info.aliases ?? []) this.addAlias(alias, info);
  }

  private addAlias(alias: string, info: LocusInfo): void {
    const key = foldLocusName(alias);
    const other = this.byFolded.get(key);
    if (other !== undefined && other !== info) {
      throw EngineError.invalidArgument(`loci.${info.name}`, `alias "${alias}" already names locus ${other.name}`);
    }
    this.byFolded.set(key, info);
  }

  /** The locus a name or alias denotes, or undefined. */
  find(name: string): LocusInfo | undefined {
    const hit = this.byRaw.get(name);
    if (hit !== undefined) return hit;
    const info = this.byFolded.get(foldLocusName(name));
    if (info !== undefined && this.byRaw.size < 10_000) this.byRaw.set(name, info);
    return info;
  }

  /** The locus a name denotes; INVALID_ARGUMENT naming the field when unknown. */
  resolve(name: string, field = 'loci'): LocusInfo {
    const info = this.find(name);
    if (info === undefined) {
      throw EngineError.invalidArgument(field, `unknown locus ${JSON.stringify(name.slice(0, 40))}`);
    }
    return info;
  }

  canonicalName(name: string): string {
    return this.resolve(name).name;
  }

  get(index: number): LocusInfo {
    return this.list[index];
  }

  get size(): number {
    return this.list.length;
  }

  all(): readonly LocusInfo[] {
    return this.list;
  }

  inSet(set: LocusSet): string[] {
    return this.list.filter((l) => l.sets?.includes(set)).map((l) => l.name);
  }

  /**
   * The canonical names of the loci a compared-loci list denotes: each entry a named set
   * (NAMED_LOCUS_SETS: ESS, CODIS13, CODIS20) or a locus name or alias; the union. INVALID_ARGUMENT
   * naming `field[i]` for an entry that is neither.
   */
  compareSet(entries: readonly unknown[], field = 'compare_loci'): ReadonlySet<string> {
    if (!Array.isArray(entries)) throw EngineError.invalidArgument(field, 'must be a list of locus or locus-set names');
    if (entries.length > MAX_COMPARE_LOCI_ENTRIES) throw EngineError.invalidArgument(field, `has ${entries.length} entries; at most ${MAX_COMPARE_LOCI_ENTRIES}`);
    const out = new Set<string>();
    entries.forEach((entry, i) => {
      if (typeof entry !== 'string' || entry.trim() === '') throw EngineError.invalidArgument(`${field}[${i}]`, 'must be a locus name or a locus set (ESS, CODIS13, CODIS20)');
      const set = NAMED_LOCUS_SETS[foldLocusName(entry)];
      if (set !== undefined) {
        for (const name of set) out.add(this.resolve(name, `${field}[${i}]`).name);
        return;
      }
      const info = this.find(entry);
      if (info === undefined) throw EngineError.invalidArgument(`${field}[${i}]`, `unknown locus or locus set ${JSON.stringify(entry.slice(0, 40))} (sets: ESS, CODIS13, CODIS20)`);
      out.add(info.name);
    });
    return out;
  }
}
