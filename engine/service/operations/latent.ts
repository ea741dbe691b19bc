/**
 * LatentService's operations: latent feature extraction on the worker pool, LT search against the
 * tenprint gallery, the unsolved latent file (add, list, get, remove), LL and on-demand TL search
 * against it, and the TL notifications the automatic reverse search stores. Engine types in and
 * out; no gRPC.
 *
 * A mark is an image, an examiner's markup, or both: the image's automatic features with the
 * markup merged over them (latent-features.ts, mergeMarkup); markup alone is a valid probe.
 */
import { EngineError } from '../../errors.js';
import { maySee } from '../../security/access.js';
import { MAX_CANDIDATES_LIMIT, DEFAULT_MAX_CANDIDATES } from './fingerprint.js';
import { requireLoaded } from './admin.js';
import type { FingerprintGallery } from '../../fingerprint/identification/fingerprint-gallery.js';
import type { FingerprintCandidateList } from '../../fingerprint/identification/fingerprint-searcher.js';
import { validateTemplate } from '../../fingerprint/template-validation.js';
import type { FingerprintTemplate } from '../../fingerprint/template.js';
import { latentTemplate, mergeMarkup, type LatentFeatures, type LatentMarkup } from '../../latent/latent-features.js';
import { checkMarkupOnImage, featuresAsMarkup, validateMarkup } from '../../latent/latent-markup.js';
import type { LatentCandidateList, LatentGallery, LatentPayload } from '../../latent/latent-gallery.js';
import type { LatentHit, LatentHitStore } from '../../latent/latent-hits.js';
import { hasTenprintRoute, wantsTenprintRoute } from '../../latent/tenprint-route.js';
import { DEFAULT_LATENT_EXHAUSTIVE_LIMIT, DEFAULT_LATENT_SHORTLIST_LENGTH, DEFAULT_PAGE_SIZE, MAX_CASE_REFERENCE_CHARS, MAX_PAGE_SIZE, MIN_MARK_MINUTIAE } from '../../latent/parameters.js';
import type { StoredRecord, Visibility } from '../../store/record.js';
import type { RecordStore } from '../../store/record-store.js';
import type { WorkerPool } from '../../workers/worker-pool.js';
import { markupFromAnsiNist } from '../../latent/efs.js';
import { transactionMarks } from '../../latent/mark-transaction.js';
import { detectImageFormat } from '../../fingerprint/codecs/image-format.js';
import { refield, sampleToTemplate, type FingerprintSampleInput, type ImageInput } from '../fingerprint-samples.js';
import type { Caller } from './operation.js';
import { getVisible, ownerFor, recordOperations, requireRecordId } from './records.js';

/** A mark as a request carries it. `field` names it in errors (`mark`). */
export interface LatentMarkInput {
  image?: ImageInput;
  markup?: LatentMarkup;
  /** An ANSI/NIST-ITL transaction with one Type-9 EFS record: the markup, instead of `markup`. */
  efs?: Uint8Array;
  caseReference: string;
  possibleFingerPositions: number[];
  field: string;
}

export interface ExtractLatentRequest {
  image: ImageInput;
  markup?: LatentMarkup;
  includeDrawing: boolean;
}

export interface ExtractLatentResponse {
  features: LatentMarkup;
  width: number;
  height: number;
  extractMs: number;
  drawingPng?: Uint8Array;
}

export interface LatentSearchRequest {
  mark: LatentMarkInput;
  maxCandidates: number;
  minScore: number;
}

export interface AddLatentRequest {
  mark: LatentMarkInput;
  ownerAgency: string;
  visibility: Visibility;
  externalId?: string;
  /** Set only by the batch runner (an id derived from job and item), never from the wire. */
  recordId?: string;
}

export interface SearchUnsolvedRequest {
  query: { mark: LatentMarkInput } | { probe: FingerprintSampleInput };
  fingerPosition: number;
  maxCandidates: number;
  minScore: number;
  /** Marks holding fewer minutiae are skipped; 0: none. */
  minMarkMinutiae: number;
}

export interface ListUnsolvedRequest {
  caseReference: string;
  pageSize: number;
  pageToken: string;
}

export interface ListLatentHitsRequest {
  includeAcknowledged: boolean;
  latentId: string;
  pageSize: number;
  pageToken: string;
}

export interface LatentOperationDeps {
  store: RecordStore;
  pool: WorkerPool;
  /** The tenprint gallery (LT). */
  gallery: FingerprintGallery;
  /** The unsolved latent file (LL, TL). */
  latents: LatentGallery;
  hits: LatentHitStore;
  /** Largest tenprint gallery an LT search scans exhaustively; beyond it, the index shortlist. */
  exhaustiveLimit?: number;
  /** Shortlist an LT search re-ranks beyond `exhaustiveLimit`; 0: the gallery's own (`--shortlist`). */
  shortlistLength?: number;
}

function checkPosition(p: number, field: string): void {
  if (!Number.isInteger(p) || p < 0 || p > 255) throw EngineError.invalidArgument(field, 'must be an ANSI/NIST finger position code 0–255');
}

function checkList(maxCandidates: number, minScore: number): number {
  const max = maxCandidates === 0 ? DEFAULT_MAX_CANDIDATES : maxCandidates;
  if (!Number.isInteger(max) || max < 1 || max > MAX_CANDIDATES_LIMIT) throw EngineError.invalidArgument('max_candidates', `must be at most ${MAX_CANDIDATES_LIMIT}`);
  if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) throw EngineError.invalidArgument('min_score', 'must be between 0 and 1');
  return max;
}

/**
 * A mark image that is an ANSI/NIST-ITL transaction holding one Type-13 latent record becomes that
 * record's image, and the examiner's markup from the Type-9 EFS record of the same IDC becomes the
 * mark's markup (unless the request gives its own markup or EFS: the caller's wins), with the EFS's
 * 9.302 (else the record's FGP) as the possible finger positions when the request names none.
 * Several Type-13 records are several marks: a batch item's work. A transaction with no Type-13
 * record, or that cannot be read, goes to the image decoder as before.
 */
function markFromTransaction(mark: LatentMarkInput): void {
  const image = mark.image;
  if (!image || image.data.length === 0) return;
  if (image.format !== 'ansi-nist' && !(image.format === undefined && detectImageFormat(image.data) === 'ansi-nist')) return;
  const t = transactionMarks(image.data);
  if (!t || t.marks.length === 0) return;
  const field = `${mark.field}.image.data`;
  if (t.marks.length > 1) {
    throw EngineError.invalidArgument(field, `the ANSI/NIST transaction holds ${t.marks.length} Type-13 latent image records, and a mark is one of them: submit it as a latent-search or latent-add batch item, which makes one item per record`);
  }
  const m = t.marks[0];
  if (!m.image) throw EngineError.invalidArgument(field, m.refused ?? 'the Type-13 record cannot be read');
  const { data, format, width, height, ppi, fingerPosition } = m.image;
  mark.image = {
    data, format,
    ...(format === 'raw' ? { width, height } : {}),
    ...(image.ppi ? { ppi: image.ppi } : ppi ? { ppi } : {}),
    ...(fingerPosition ? { fingerPosition } : {}),
  };
  if (!mark.markup && !mark.efs) {
    if (m.efsError) throw EngineError.invalidArgument(field, m.efsError);
    if (m.efs) {
      validateMarkup(m.efs, field);
      mark.markup = m.efs;
    }
  }
  if (mark.possibleFingerPositions.length === 0) mark.possibleFingerPositions = m.fingerPositions;
}

function pageSizeOf(n: number): number {
  const size = n === 0 ? DEFAULT_PAGE_SIZE : n;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw EngineError.invalidArgument('page_size', `must be from 1 to ${MAX_PAGE_SIZE} (0: ${DEFAULT_PAGE_SIZE})`);
  return size;
}

export function latentOperations(deps: LatentOperationDeps) {
  const { store, pool, gallery, latents, hits } = deps;
  const exhaustiveLimit = deps.exhaustiveLimit ?? DEFAULT_LATENT_EXHAUSTIVE_LIMIT;
  const shortlistLength = deps.shortlistLength ?? DEFAULT_LATENT_SHORTLIST_LENGTH;

  /** The automatic features of a mark image (on the pool). */
  async function autoFeatures(image: ImageInput, field: string, signal: AbortSignal, options: { roi?: LatentMarkup['roi']; drawing?: { markup?: LatentMarkup }; tenprintRoute?: boolean } = {}) {
    if (!image.data || image.data.length === 0) throw EngineError.invalidArgument(`${field}.data`, 'is empty');
    const data = new Uint8Array(image.data);
    try {
      return await pool.run({
        kind: 'extract-latent', ...image, data,
        ...(options.roi && options.roi.length >= 3 ? { roi: options.roi } : {}),
        ...(options.drawing ? { drawing: options.drawing } : {}),
        ...(options.tenprintRoute ? { tenprintRoute: true } : {}),
      }, { signal, transferList: [data.buffer] });
    } catch (e) {
      throw refield(() => { throw e; }, 'image', field);
    }
  }

  /**
   * A mark's search features: markup over the image's automatic features, checked. With `route`
   * (an LT search, a mark filed in the unsolved file), a mark given by its image alone also gets its
   * tenprint-extractor template (engine/latent/tenprint-route.ts); one with markup does not: the
   * examiner's features are then the evidence.
   */
  async function markFeatures(mark: LatentMarkInput, signal: AbortSignal, route = false): Promise<{ features: LatentFeatures; template: FingerprintTemplate; tenprint?: FingerprintTemplate }> {
    const f = mark.field;
    if (mark.caseReference.length > MAX_CASE_REFERENCE_CHARS) throw EngineError.invalidArgument(`${f}.case_reference`, `is longer than ${MAX_CASE_REFERENCE_CHARS} characters`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(mark.caseReference)) throw EngineError.invalidArgument(`${f}.case_reference`, 'contains control characters');
    mark.possibleFingerPositions.forEach((p, i) => checkPosition(p, `${f}.possible_finger_positions[${i}]`));
    markFromTransaction(mark);
    if (mark.efs) {
      if (mark.markup) throw EngineError.invalidArgument(`${f}.efs`, 'give the markup once: as markup or as an EFS record, not both');
      const sets = markupFromAnsiNist(mark.efs, `${f}.efs`);
      if (sets.length !== 1) throw EngineError.invalidArgument(`${f}.efs`, `holds ${sets.length} Type-9 extended feature sets; send one mark's`);
      const { roi, minutiae, cores, deltas, fingerPositions } = sets[0];
      mark.markup = { ...(roi ? { roi } : {}), ...(minutiae ? { minutiae } : {}), ...(cores ? { cores } : {}), ...(deltas ? { deltas } : {}), useOnlyMarkup: !mark.image };
      if (mark.possibleFingerPositions.length === 0) mark.possibleFingerPositions = fingerPositions.filter((p) => p > 0 && p <= 255);
      validateMarkup(mark.markup, `${f}.efs`);
    }
    if (!mark.image && !mark.markup) throw EngineError.invalidArgument(f, 'needs an image, an examiner\'s markup, or both');
    else if (mark.markup) validateMarkup(mark.markup, `${f}.markup`);
    let auto: LatentFeatures | null = null;
    let tenprint: FingerprintTemplate | undefined;
    if (mark.image) {
      const extracted = await autoFeatures(mark.image, `${f}.image`, signal, { ...(mark.markup?.roi ? { roi: mark.markup.roi } : {}), ...(route && wantsTenprintRoute(Boolean(mark.markup)) ? { tenprintRoute: true } : {}) });
      auto = extracted.features;
      tenprint = extracted.tenprint;
      if (mark.markup) checkMarkupOnImage(mark.markup, auto, `${f}.markup`);
    }
    const features = mergeMarkup(auto, mark.markup);
    if (features.minutiae.length < MIN_MARK_MINUTIAE) {
      throw EngineError.invalidArgument(mark.markup && !mark.image ? `${f}.markup.minutiae` : f,
        `holds ${features.minutiae.length} minutiae${mark.image ? ' (found and marked)' : ''}; a mark needs at least ${MIN_MARK_MINUTIAE} to be searched`);
    }
    // A template holds at most 255 minutiae: the least reliable automatic ones give way.
    if (features.minutiae.length > 255) features.minutiae = [...features.minutiae].sort((a, b) => (a.source === b.source ? b.reliability - a.reliability : a.source === 'examiner' ? -1 : 1)).slice(0, 255);
    const template = refield(() => validateTemplate(latentTemplate(features), 'template'), 'template', f);
    return { features, template, ...(tenprint ? { tenprint } : {}) };
  }

  const tenprintVisible = (h: LatentHit, agency: string) => {
    const tp = store.get(h.tenprintRecordId);
    return tp !== undefined && maySee(agency, tp);
  };

  const positionsOf = (mark: LatentMarkInput) => [...new Set(mark.possibleFingerPositions)].sort((a, b) => a - b);

  return {
    async extractLatent(_caller: Caller, req: ExtractLatentRequest, signal: AbortSignal): Promise<ExtractLatentResponse> {
      if (req.markup) validateMarkup(req.markup, 'markup');
      const r = await autoFeatures(req.image, 'image', signal, {
        ...(req.markup?.roi ? { roi: req.markup.roi } : {}),
        ...(req.includeDrawing ? { drawing: { ...(req.markup ? { markup: req.markup } : {}) } } : {}),
      });
      if (req.markup) checkMarkupOnImage(req.markup, r.features, 'markup');
      const features = req.markup ? mergeMarkup(r.features, req.markup) : r.features;
      return { features: featuresAsMarkup(features), width: features.width, height: features.height, extractMs: r.extractMs, ...(r.drawingPng ? { drawingPng: r.drawingPng } : {}) };
    },

    /** LT: the mark against the tenprint gallery, at any rotation. */
    async search(caller: Caller, req: LatentSearchRequest, signal: AbortSignal): Promise<FingerprintCandidateList> {
      requireLoaded(gallery);
      const maxCandidates = checkList(req.maxCandidates, req.minScore);
      const { template, tenprint } = await markFeatures(req.mark, signal, true);
      if (signal.aborted) throw signal.reason;
      return gallery.identify(template, {
        agency: caller.agency,
        maxCandidates,
        ...(req.minScore > 0 ? { minScore: req.minScore } : {}),
        exhaustive: gallery.entries() <= exhaustiveLimit,
        // Marks may want a longer shortlist than tenprints (docs/decisions/latent-shortlist.md).
        ...(shortlistLength > 0 ? { shortlistLength } : {}),
        fingerPositions: positionsOf(req.mark),
        anyRotation: true,
        ...(tenprint ? { tenprintProbe: tenprint } : {}),
      }, signal);
    },

    async addToUnsolved(caller: Caller, req: AddLatentRequest, signal: AbortSignal): Promise<StoredRecord<LatentPayload>> {
      const owner = ownerFor(req.ownerAgency, caller.agency);
      if (req.mark.caseReference.trim() === '') throw EngineError.invalidArgument(`${req.mark.field}.case_reference`, 'is required: a mark is filed under its case');
      requireLoaded(latents);
      const { features, template, tenprint } = await markFeatures(req.mark, signal, true);
      // TL fuses the mark's tenprint route in (docs/decisions/latent-tl-route.md): kept when large enough.
      const tenprintRoute = tenprint && hasTenprintRoute(tenprint) ? tenprint : undefined;
      const forms = await latents.prepare(template, tenprintRoute);
      if (signal.aborted) throw signal.reason;
      const { record } = await store.put<LatentPayload>({
        kind: 'latent',
        ...(req.recordId ? { id: req.recordId } : {}),
        subjectId: '',
        ownerAgency: owner,
        visibility: req.visibility,
        ...(req.externalId ? { externalId: req.externalId } : {}),
        payload: { caseReference: req.mark.caseReference.trim(), possibleFingerPositions: positionsOf(req.mark), features, ...(tenprintRoute ? { tenprintRoute } : {}) },
      }, caller.agency);
      latents.enroll(record, forms);
      return record;
    },

    /** LL (a mark) or TL on demand (a tenprint finger) against the unsolved latent file. */
    async searchUnsolved(caller: Caller, req: SearchUnsolvedRequest, signal: AbortSignal): Promise<LatentCandidateList> {
      requireLoaded(latents);
      const maxCandidates = checkList(req.maxCandidates, req.minScore);
      checkPosition(req.fingerPosition, 'finger_position');
      const probe = 'mark' in req.query
        ? (await markFeatures(req.query.mark, signal)).template
        : (await sampleToTemplate(pool, req.query.probe, signal)).template;
      if (signal.aborted) throw signal.reason;
      // A tenprint probe's own finger position (an ANSI/NIST record's) counts when the request gives none.
      const fingerPosition = req.fingerPosition || probe.fingerPosition || 0;
      return latents.search(probe, {
        agency: caller.agency, maxCandidates, ...(req.minScore > 0 ? { minScore: req.minScore } : {}),
        ...(fingerPosition ? { fingerPosition } : {}), ...(req.minMarkMinutiae > 0 ? { minMarkMinutiae: req.minMarkMinutiae } : {}),
        // TL: marks with a tenprint route fuse it in; LL scores by the latent matcher alone.
        ...('mark' in req.query ? {} : { tenprintProbe: true }),
      }, signal);
    },

    async listUnsolved(caller: Caller, req: ListUnsolvedRequest): Promise<{ records: StoredRecord<LatentPayload>[]; nextPageToken: string }> {
      const size = pageSizeOf(req.pageSize);
      if (req.pageToken !== '') requireRecordId(req.pageToken, 'page_token');
      const records: StoredRecord<LatentPayload>[] = [];
      let next = '';
      for (const r of store.scan<LatentPayload>('latent')) {
        if (req.pageToken !== '' && r.id <= req.pageToken) continue;
        if (!maySee(caller.agency, r)) continue;
        if (req.caseReference !== '' && r.payload.caseReference !== req.caseReference) continue;
        if (records.length === size) { next = records[records.length - 1].id; break; }
        records.push(r);
      }
      return { records, nextPageToken: next };
    },

    async listHits(caller: Caller, req: ListLatentHitsRequest): Promise<{ hits: LatentHit[]; nextPageToken: string }> {
      const size = pageSizeOf(req.pageSize);
      if (req.pageToken !== '' && !/^lh_[0-9a-f-]{36}$/.test(req.pageToken)) throw EngineError.invalidArgument('page_token', 'is not a token from a previous page');
      if (req.latentId !== '') getVisible(store, req.latentId, 'latent', caller.agency, 'latent_id');
      const out: LatentHit[] = [];
      let next = '';
      for (const h of hits.forOwner(caller.agency, req.pageToken)) {
        if (req.latentId !== '' && h.latentId !== req.latentId) continue;
        if (!req.includeAcknowledged && h.acknowledgedAt) continue;
        // A mark removed from the file takes its hits with it; a tenprint deleted, or no longer
        // visible to the mark's owner, takes its hits out of sight (the one access rule, at read time).
        if (!store.get(h.latentId) || !tenprintVisible(h, caller.agency)) continue;
        if (out.length === size) { next = out[out.length - 1].hitId; break; }
        out.push(h);
      }
      return { hits: out, nextPageToken: next };
    },

    async acknowledgeHit(caller: Caller, req: { hitId: string }): Promise<LatentHit> {
      if (req.hitId.trim() === '') throw EngineError.invalidArgument('hit_id', 'is required');
      if (!/^lh_[0-9a-f-]{36}$/.test(req.hitId)) throw EngineError.invalidArgument('hit_id', 'is not a latent hit id');
      const h = hits.get(req.hitId);
      // Another agency's notification is as absent as a record it may not see.
      if (!h || h.latentOwner !== caller.agency || !store.get(h.latentId) || !tenprintVisible(h, caller.agency)) throw EngineError.notFound(`latent hit ${req.hitId}`);
      return hits.acknowledge(req.hitId);
    },

    ...recordOperations<LatentPayload>(store, 'latent', {
      name: latents.name, loaded: () => latents.loaded(),
      remove: (id) => { latents.delete(id); void hits.removeForLatent(id).catch(() => undefined); },
    }),
  };
}

export type LatentOperations = ReturnType<typeof latentOperations>;
