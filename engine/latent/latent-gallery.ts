/**
 * The unsolved latent file as a searchable gallery: the latent records' matcher forms in a shared
 * arena, each with its access group, built from the store at start and kept in step with it.
 * It reuses the tenprint gallery's parts (prepared-arena.ts, gallery-access.ts, gallery-scan.ts
 * on the same scan executor) with the latent's template view (latent-features.ts,
 * `latentTemplate`).
 *
 * Searches are exhaustive and compare at any relative rotation: a mark is partial and turned any
 * way, so neither a finger vector index (made for whole impressions) nor the ±90° direction window
 * of live-scan matching applies. The file is small next to the tenprint gallery (unsolved marks,
 * not people); at 49k comparisons per CPU-second a 10k-mark file is a fraction of a second.
 *
 * Two callers: LL (a mark against the file) and TL (a tenprint finger against it), the latter as
 * the caller's agency (SearchUnsolvedFile) or as the server itself for the automatic reverse
 * search (`agency: null`: every mark, each hit then checked against the mark owner's right to see
 * the tenprint by the reverse search). A mark filed by its image alone also keeps its tenprint
 * route; its form lies in a second arena, slot for slot with the first (a dead slot where a mark has
 * none), and TL fuses it into the score (engine/latent/tenprint-route.ts, `tlRouteScore`).
 */
import { EngineError, ErrorCode } from '../errors.js';
import type { RecordStore } from '../store/record-store.js';
import type { StoredRecord } from '../store/record.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import { prepareCandidate, type PreparedTemplate } from '../fingerprint/matcher.js';
import { packForm, PreparedArena } from '../fingerprint/identification/prepared-arena.js';
import type { ScanExecutor } from '../fingerprint/identification/fingerprint-gallery.js';
import { STOPPED, mergeScanResults, type ScanFilter, type ScanResult } from '../fingerprint/identification/gallery-scan.js';
import { GallerySlots } from '../fingerprint/identification/gallery-slots.js';
import { enrolmentForms, inThreadFormMaker, type EnrolmentForms, type FormMaker } from '../fingerprint/identification/enrolment-forms.js';
import type { MinutiaeCandidate } from '../fingerprint/identification/fingerprint-searcher.js';
import { latentTemplate, type LatentFeatures } from './latent-features.js';
import { abortable, stopReason } from '../fingerprint/identification/abortable.js';

/** The stored payload of a latent record (kind 'latent'). */
export interface LatentPayload {
  caseReference: string;
  /** ANSI/NIST finger positions the examiner considers possible; empty: any. */
  possibleFingerPositions: number[];
  /** The features searches use: the examiner's markup merged over the automatic features. */
  features: LatentFeatures;
  /**
   * The mark's tenprint route (engine/latent/tenprint-route.ts): its image through the tenprint
   * extractor, kept when the mark was filed by its image without markup and the template holds at
   * least LATENT_TENPRINT_ROUTE_MIN_MINUTIAE minutiae; TL fuses it into the score
   * (docs/decisions/latent-tl-route.md). Absent on marks filed otherwise or before it existed.
   */
  tenprintRoute?: FingerprintTemplate;
}

/** What a mark needs to join the file: the latent template's forms and, with a route, the route's. */
export interface LatentForms {
  latent: EnrolmentForms;
  route?: EnrolmentForms;
}

/** The templates a batch of marks needs forms of: every mark's latent template, then the routes of those that keep one. */
function formTemplates(records: StoredRecord<LatentPayload>[]): FingerprintTemplate[] {
  return [...records.map(latentRecordTemplate), ...records.flatMap((r) => (r.payload.tenprintRoute ? [r.payload.tenprintRoute] : []))];
}

/** `forms` (made from formTemplates(records), in its order) split back into each mark's. */
function latentFormsOf(records: StoredRecord<LatentPayload>[], forms: EnrolmentForms[]): LatentForms[] {
  let k = records.length;
  return records.map((r, i) => ({ latent: forms[i], ...(r.payload.tenprintRoute ? { route: forms[k++] } : {}) }));
}

/** The route arena's filler for a mark without a route (its slot is killed at once). */
const NO_ROUTE = packForm(prepareCandidate({ width: 16, height: 16, resolutionPpi: 500, minutiae: [], singularPoints: [] }));

export interface LatentSearch {
  /** The calling agency (the one access rule decides what it sees); null: the server's own reverse search, every mark. */
  agency: string | null;
  maxCandidates: number;
  minScore?: number;
  /** The probe's finger position; marks whose possible positions exclude it are skipped. 0 or absent: unknown. */
  fingerPosition?: number;
  /** TL: the probe is a tenprint finger, so marks with a tenprint route score by tlRouteScore (LL: absent). */
  tenprintProbe?: boolean;
  /** Marks whose features hold fewer minutiae are skipped (the automatic TL's floor, tl-few-minutiae.md). 0 or absent: none. */
  minMarkMinutiae?: number;
}

export interface LatentCandidate extends MinutiaeCandidate {
  caseReference: string;
}

export interface LatentCandidateList {
  candidates: LatentCandidate[];
  totalHits: number;
  compared: number;
  elapsedMs: number;
}

interface SlotRecord {
  id: string;
  subjectId: string;
  externalId?: string;
  caseReference: string;
  positions: number[];
}

export interface LatentGalleryOptions {
  executor: ScanExecutor;
  forms?: FormMaker;
  /** Candidates that get pairs and alignment (the top of the list). */
  describe?: number;
}

/** The matcher template of a latent record. */
export function latentRecordTemplate(r: StoredRecord<LatentPayload>): FingerprintTemplate {
  return latentTemplate(r.payload.features);
}

export class LatentGallery {
  readonly name = 'latent-gallery';
  readonly kind = 'latent' as const;
  private readonly slots = new GallerySlots<SlotRecord>();
  private readonly arena = this.slots.arena;
  private readonly access = this.slots.access;
  private readonly slotOf = this.slots.slotOf;
  private readonly records = this.slots.records;
  /** The marks' tenprint routes, slot for slot with the arena; a slot is live where the mark has one. */
  private readonly routes = new PreparedArena();
  private isLoaded = false;
  private readonly forms: FormMaker;

  constructor(private readonly options: LatentGalleryOptions) {
    this.forms = options.forms ?? inThreadFormMaker;
  }

  async load(store: RecordStore): Promise<void> {
    let batch: StoredRecord<LatentPayload>[] = [];
    const flush = async () => {
      const forms = latentFormsOf(batch, await this.forms.make(formTemplates(batch)));
      batch.forEach((r, i) => this.place(r, forms[i]));
      batch = [];
    };
    for (const r of store.scan<LatentPayload>('latent')) {
      batch.push(r);
      if (batch.length >= 128) await flush();
    }
    if (batch.length) await flush();
    this.isLoaded = true;
  }

  loaded(): boolean {
    return this.isLoaded;
  }

  entries(): number {
    return this.arena.live;
  }

  visibleCount(agency: string): number {
    return this.slots.visibleCount(agency);
  }

  /** The forms a latent needs to join the gallery (made on the pool in the service), before it is stored. */
  async prepare(template: FingerprintTemplate, tenprintRoute?: FingerprintTemplate): Promise<LatentForms> {
    const forms = await this.forms.make(tenprintRoute ? [template, tenprintRoute] : [template]);
    return { latent: forms[0], ...(tenprintRoute ? { route: forms[1] } : {}) };
  }

  /** Adds or replaces a record, after the store acknowledged it. */
  enroll(record: StoredRecord<LatentPayload>, forms?: LatentForms): void {
    this.requireLoaded();
    this.place(record, forms ?? latentFormsOf([record], enrolmentForms(formTemplates([record])))[0]);
  }

  delete(id: string): void {
    this.slots.remove(id);
  }

  form(id: string): PreparedTemplate | undefined {
    return this.slots.form(id);
  }

  async search(probe: FingerprintTemplate, search: LatentSearch, signal?: AbortSignal): Promise<LatentCandidateList> {
    this.requireLoaded();
    const started = performance.now();
    if (!Number.isInteger(search.maxCandidates) || search.maxCandidates < 1) throw EngineError.invalidArgument('max_candidates', 'must be a positive integer');
    const groups = search.agency === null ? new Uint8Array(this.access.size).fill(1) : this.access.visibleTo(search.agency);
    // Marks under the minutiae floor are not scored at all (the arena holds each mark's count).
    const filter: ScanFilter = { groups, ...(search.minMarkMinutiae ? { minMinutiae: search.minMarkMinutiae } : {}) };
    // Marks that exclude the probe's finger are filtered after the scan; keeping that many more
    // candidates makes the list exact.
    const position = search.fingerPosition ?? 0;
    const excludes = (slot: number) => position !== 0 && this.records[slot].positions.length > 0 && !this.records[slot].positions.includes(position);
    let excluded = 0;
    if (position !== 0) for (const slot of this.slotOf.values()) if (excludes(slot)) excluded++;
    const keep = search.maxCandidates + excluded;
    const shared = this.arena.share();
    // Shared after the arena: every slot in `shared` has its route slot (place adds both at once).
    const routes = search.tenprintProbe ? this.routes.share() : undefined;
    const parts = Math.max(1, Math.min(this.options.executor.parallelism, shared.size));
    const step = Math.max(1, Math.ceil(shared.size / parts));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const describe = Math.min(keep, this.options.describe ?? 50);
    const scans: Promise<ScanResult>[] = [];
    for (let from = 0; from < shared.size; from += step) {
      scans.push(this.options.executor.scan({
        probe, arena: shared, range: { from, to: Math.min(shared.size, from + step) }, filter, keep,
        minScore: search.minScore ?? -Infinity, describe, anyRotation: true, stop,
        ...(routes ? { routeArena: routes } : {}),
      }));
    }
    const results = await abortable(Promise.all(scans), signal, () => Atomics.store(stop, 0, STOPPED));
    if (results.some((r) => r.stopped)) throw stopReason(signal);
    const merged = mergeScanResults(results);
    const candidates: LatentCandidate[] = [];
    let totalHits = results.reduce((s, r) => s + r.hits, 0);
    for (const m of merged) {
      if (candidates.length >= search.maxCandidates) break;
      if (!this.arena.isLive(m.slot)) continue;
      if (excludes(m.slot)) { totalHits--; continue; }
      candidates.push({ ...this.slots.candidate(m, candidates.length + 1, probe.minutiae.length), caseReference: this.records[m.slot].caseReference });
    }
    return { candidates, totalHits: Math.max(totalHits, candidates.length), compared: results.reduce((s, r) => s + r.compared, 0), elapsedMs: performance.now() - started };
  }

  private place(r: StoredRecord<LatentPayload>, forms: LatentForms): void {
    const slot = this.slots.place(r, forms.latent.form, { fingerPosition: 0, minutiae: r.payload.features.minutiae.length }, {
      id: r.id, subjectId: r.subjectId, ...(r.externalId ? { externalId: r.externalId } : {}),
      caseReference: r.payload.caseReference, positions: r.payload.possibleFingerPositions,
    });
    const routeSlot = this.routes.add(forms.route?.form ?? NO_ROUTE, { group: 0, fingerPosition: 0, minutiae: r.payload.tenprintRoute?.minutiae.length ?? 0 });
    if (!forms.route) this.routes.kill(routeSlot);
    // Both arenas only ever append, one slot each per place: they stay slot for slot.
    if (routeSlot !== slot) throw new Error(`latent gallery: route slot ${routeSlot} out of step with slot ${slot}`);
  }

  private requireLoaded(): void {
    if (!this.isLoaded) throw new EngineError(ErrorCode.Unavailable, 'the unsolved latent file is still loading; retry when health says SERVING');
  }
}
