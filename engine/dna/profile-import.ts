/**
 * Bulk import parsing, streaming: feed chunks as they arrive (gRPC `DnaImportChunk.data`, file
 * reads), get rows back with their line numbers. A bad row becomes an error row (line + reason)
 * and parsing goes on; only an unusable CSV header or a JSON document that is not an array stops
 * the import (INVALID_ARGUMENT, before any row).
 *
 * CSV: the NIST 1036 layout `sample, population, LOCUS_1, LOCUS_2, ...`; a locus column may also
 * be a single `LOCUS` column holding `15/16`, `15;16` or `15 16`. Optional columns `kind`,
 * `owner`, `case_reference`, `relationship`. Empty cells are untyped. Quoted fields may not span
 * lines.
 * JSON: an array of `{"id", "loci": {...}, "kind"?, "owner"?, "caseReference"?}` (profile-json.ts).
 *
 * Deduplication: a record is identified by (owner agency, sample id) (`importKey`); its content
 * hash (`profileContentHash`) tells an unchanged re-import from an update.
 */
import { createHash } from 'node:crypto';
import { EngineError, toEngineError } from '../errors.js';
import { MAX_IMPORT_ROW_CHARS } from './dna-parameters.js';
import { buildProfile, genotypeDesignations, type DnaProfile, type ProfileRules } from './dna-profile.js';
import { splitCsvLine } from './frequency-table.js';
import type { LocusRegistry } from './locus-registry.js';
import { parseProfileDocument } from './profile-json.js';

export interface ImportedProfile {
  /** The lab's sample id (CSV `sample`, JSON `id`). */
  sampleId: string;
  profile: DnaProfile;
  /** Owner from the row, if it carries one (otherwise the import's owner applies). */
  ownerAgency?: string;
  population?: string;
  /** Stable hash of the profile's content (see profileContentHash). */
  contentHash: string;
}

export type ImportRow =
  | { line: number; ok: true; record: ImportedProfile }
  | { line: number; ok: false; reason: string };

export interface ProfileRowReader {
  push(chunk: string | Uint8Array): ImportRow[];
  /** Flushes the last row; call once at the end of the stream. */
  end(): ImportRow[];
}

/**
 * A hex SHA-256 over a canonical text of the profile: kind, relationship, case reference and every
 * locus with its canonical designations, in registry order. Spelling of locus names, allele order,
 * homozygote written once or twice: none changes the hash.
 */
export function profileContentHash(profile: DnaProfile): string {
  const parts: string[] = [`kind=${profile.kind}`, `rel=${profile.relationship ?? ''}`, `case=${profile.caseReference ?? ''}`];
  for (const [locus, g] of profile.loci) parts.push(`${locus}=${genotypeDesignations(g).join(',')}`);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** The deduplication key of an imported record: (owner agency, sample id). */
export function importKey(ownerAgency: string, sampleId: string): string {
  return `${ownerAgency}\u0000${sampleId}`;
}

/** How a good row relates to what the store holds under the same key. */
export function classifyImport(existingHash: string | undefined, contentHash: string): 'stored' | 'unchanged' | 'updated' {
  if (existingHash === undefined) return 'stored';
  return existingHash === contentHash ? 'unchanged' : 'updated';
}

function reasonOf(e: unknown): string {
  const err = toEngineError(e);
  return err.code === 'INTERNAL' ? 'internal error while parsing the row' : err.message;
}

/** Splits a byte/string stream into lines, counting them. */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private rest = '';
  push(chunk: string | Uint8Array): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    const lines = text.split('\n');
    this.rest = lines.pop() as string;
    if (this.rest.length > MAX_IMPORT_ROW_CHARS) {
      throw EngineError.invalidArgument('data', `a line is longer than ${MAX_IMPORT_ROW_CHARS} characters`);
    }
    return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }
  end(): string[] {
    const last = this.rest + this.decoder.decode();
    this.rest = '';
    return last === '' ? [] : [last.endsWith('\r') ? last.slice(0, -1) : last];
  }
}

type Column =
  | { role: 'sample' | 'population' | 'kind' | 'owner' | 'case' | 'relationship' }
  | { role: 'locus'; locus: string; whole: boolean };

const META_COLUMNS: Record<string, 'sample' | 'population' | 'kind' | 'owner' | 'case' | 'relationship'> = {
  sample: 'sample', id: 'sample', sampleid: 'sample', samplename: 'sample',
  population: 'population', pop: 'population',
  kind: 'kind', profilekind: 'kind',
  owner: 'owner', owneragency: 'owner', agency: 'owner',
  casereference: 'case', case: 'case',
  relationship: 'relationship',
};

export class CsvProfileReader implements ProfileRowReader {
  private readonly lines = new LineSplitter();
  private lineNo = 0;
  private columns: Column[] | undefined;

  constructor(
    private readonly registry: LocusRegistry,
    private readonly rules: ProfileRules = {},
  ) {}

  push(chunk: string | Uint8Array): ImportRow[] {
    return this.lines.push(chunk).flatMap((l) => this.line(l));
  }

  end(): ImportRow[] {
    return this.lines.end().flatMap((l) => this.line(l));
  }

  private header(cells: string[]): Column[] {
    const cols = cells.map((raw): Column => {
      const name = raw.trim().replace(/^\uFEFF/, '');
      const meta = META_COLUMNS[name.toLowerCase().replace(/[\s_\-]+/g, '')];
      if (meta !== undefined) return { role: meta };
      const whole = this.registry.find(name);
      if (whole !== undefined) return { role: 'locus', locus: whole.name, whole: true };
      const m = /^(.*?)[_\s-]?(\d)$/.exec(name);
      const base = m === null ? undefined : this.registry.find(m[1]);
      if (base === undefined) throw EngineError.invalidArgument('header', `unknown column ${JSON.stringify(name.slice(0, 40))} (not a locus name or LOCUS_1/LOCUS_2)`);
      return { role: 'locus', locus: base.name, whole: false };
    });
    if (!cols.some((c) => c.role === 'sample')) throw EngineError.invalidArgument('header', 'the CSV needs a "sample" column');
    return cols;
  }

  private line(text: string): ImportRow[] {
    this.lineNo++;
    if (text.trim() === '') return [];
    const line = this.lineNo;
    if (this.columns === undefined) {
      this.columns = this.header(splitCsvLine(text));
      return [];
    }
    try {
      const cells = splitCsvLine(text);
      if (cells.length !== this.columns.length) {
        return [{ line, ok: false, reason: `expected ${this.columns.length} cells, found ${cells.length}` }];
      }
      const loci: Record<string, string[]> = {};
      const meta: Partial<Record<string, string>> = {};
      this.columns.forEach((col, i) => {
        const cell = cells[i].trim();
        if (col.role === 'locus') {
          const list = (loci[col.locus] ??= []);
          if (cell === '') return;
          if (col.whole) list.push(...cell.split(/[\s/;,]+/).filter((s) => s !== ''));
          else list.push(cell);
        } else if (cell !== '') meta[col.role] = cell;
      });
      const sampleId = meta.sample;
      if (sampleId === undefined) return [{ line, ok: false, reason: 'sample: empty sample id' }];
      const profile = buildProfile(
        {
          loci,
          ...(meta.kind !== undefined ? { kind: meta.kind } : {}),
          ...(meta.relationship !== undefined ? { relationship: meta.relationship } : {}),
          ...(meta.case !== undefined ? { caseReference: meta.case } : {}),
        },
        this.registry,
        this.rules,
      );
      const record: ImportedProfile = {
        sampleId,
        profile,
        contentHash: profileContentHash(profile),
        ...(meta.owner !== undefined ? { ownerAgency: meta.owner } : {}),
        ...(meta.population !== undefined ? { population: meta.population } : {}),
      };
      return [{ line, ok: true, record }];
    } catch (e) {
      return [{ line, ok: false, reason: reasonOf(e) }];
    }
  }
}

/**
 * Streams the elements of a top-level JSON array, each with the line it starts on, without
 * holding the whole document.
 */
export class JsonProfileReader implements ProfileRowReader {
  private readonly decoder = new TextDecoder('utf-8');
  private line = 1;
  /** 'start': before '['; 'between': inside, between elements; 'element'; 'done': after ']'. */
  private state: 'start' | 'between' | 'element' | 'done' = 'start';
  private buf = '';
  private elementLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(
    private readonly registry: LocusRegistry,
    private readonly rules: ProfileRules = {},
  ) {}

  push(chunk: string | Uint8Array): ImportRow[] {
    return this.scan(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
  }

  end(): ImportRow[] {
    const rows = this.scan(this.decoder.decode());
    if (this.state === 'start') throw EngineError.invalidArgument('data', 'JSON import expects an array of profiles');
    if (this.state === 'element') rows.push({ line: this.elementLine, ok: false, reason: 'unterminated JSON element at end of data' });
    else if (this.state === 'between') rows.push({ line: this.line, ok: false, reason: 'JSON array not closed at end of data' });
    this.state = 'done';
    return rows;
  }

  private finish(rows: ImportRow[]): void {
    const text = this.buf;
    this.buf = '';
    this.state = 'between';
    const line = this.elementLine;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      rows.push({ line, ok: false, reason: 'malformed JSON element' });
      return;
    }
    try {
      const doc = parseProfileDocument(value, this.registry, this.rules);
      rows.push({
        line,
        ok: true,
        record: {
          sampleId: doc.id,
          profile: doc.profile,
          contentHash: profileContentHash(doc.profile),
          ...(doc.ownerAgency !== undefined ? { ownerAgency: doc.ownerAgency } : {}),
          ...(doc.population !== undefined ? { population: doc.population } : {}),
        },
      });
    } catch (e) {
      rows.push({ line, ok: false, reason: reasonOf(e) });
    }
  }

  private scan(text: string): ImportRow[] {
    const rows: ImportRow[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.state === 'element') {
        this.buf += ch;
        if (this.buf.length > MAX_IMPORT_ROW_CHARS) throw EngineError.invalidArgument('data', `a JSON element is longer than ${MAX_IMPORT_ROW_CHARS} characters`);
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (ch === '\\') this.escaped = true;
          else if (ch === '"') this.inString = false;
        } else if (this.depth === 0 && (ch === ',' || ch === ']')) {
          // A scalar element ended (it is rejected as "not an object" by the profile parser).
          this.buf = this.buf.slice(0, -1);
          this.finish(rows);
          if (ch === ']') this.state = 'done';
        } else if (ch === '"') this.inString = true;
        else if (ch === '{' || ch === '[') this.depth++;
        else if (ch === '}' || ch === ']') {
          this.depth--;
          if (this.depth === 0) this.finish(rows);
        }
        if (ch === '\n') this.line++;
        continue;
      }
      if (ch === '\n') { this.line++; continue; }
      if (ch === ' ' || ch === '\t' || ch === '\r') continue;
      if (this.state === 'start') {
        if (ch === '\uFEFF') continue;
        if (ch !== '[') throw EngineError.invalidArgument('data', 'JSON import expects an array of profiles');
        this.state = 'between';
      } else if (this.state === 'between') {
        if (ch === ',') continue;
        if (ch === ']') { this.state = 'done'; continue; }
        this.state = 'element';
        this.elementLine = this.line;
        this.buf = ch;
        this.depth = ch === '{' || ch === '[' ? 1 : 0;
        this.inString = ch === '"';
        this.escaped = false;
      } else if (this.state === 'done') {
        rows.push({ line: this.line, ok: false, reason: 'data after the end of the JSON array' });
        return rows;
      }
    }
    return rows;
  }
}

/** A reader for the given format. */
export function profileRowReader(format: 'csv' | 'json', registry: LocusRegistry, rules: ProfileRules = {}): ProfileRowReader {
  return format === 'csv' ? new CsvProfileReader(registry, rules) : new JsonProfileReader(registry, rules);
}
