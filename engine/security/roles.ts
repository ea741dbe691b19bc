/**
 * Roles: which actions each agency may perform, per record kind. Pure: no gRPC, no store.
 *
 * Actions: `search` (every read and search: Get, Search, Identify, Verify, kinship, latent and
 * batch searches), `enrol`, `delete`, `audit` (list and verify the audit entries of every agency's
 * calls) and `admin` (the whole server's statistics). Record kinds: `fingerprint`, `latent`,
 * `dna-profile`, or `*` for all. Roles decide which operations an agency may call; which records
 * it then sees is the one access rule's job (access.ts), applied on top.
 *
 * The roles file (`--roles-file FILE`, JSON; docs/decisions/roles-and-limits.md):
 *
 *   {
 *     "agencies": {
 *       "CITY-PD":   { "search": ["fingerprint", "latent"], "enrol": ["fingerprint"], "delete": ["fingerprint"] },
 *       "STATE-LAB": { "search": ["*"], "enrol": ["dna-profile"], "delete": ["dna-profile"] },
 *       "AUDITOR":   { "audit": ["*"] },
 *       "OPS":       { "admin": ["*"] }
 *     },
 *     "default": { "search": ["*"], "enrol": ["*"], "delete": ["*"] }
 *   }
 *
 * An agency listed under "agencies" has exactly what its entry grants (nothing is merged from
 * "default"); any other agency has "default", or nothing when the file has no "default". `audit`
 * and `admin` are not per kind: they take `["*"]` or nothing. Without a file, every agency may
 * search, enrol and delete (its own records, by the access rule), and nobody has audit or admin.
 *
 * Every agency may list the audit entries of its own calls, and may ask GetStats for the counts it
 * may see: those methods are "narrowed" (below) and need no grant.
 */
import { EngineError, ErrorCode } from '../errors.js';
import { isAgency } from './access.js';

export const ACTIONS = ['search', 'enrol', 'delete', 'audit', 'admin'] as const;
export type Action = (typeof ACTIONS)[number];

/** The record kinds (store/record.ts RECORD_KINDS), repeated here to keep this module pure. */
export const ROLE_KINDS = ['fingerprint', 'latent', 'dna-profile'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];
export type KindOrAll = RoleKind | '*';

/** Actions granted per kind, for one agency. */
export type Grants = Readonly<Record<Action, ReadonlySet<KindOrAll>>>;

export interface Roles {
  /** Listed agencies. */
  readonly agencies: ReadonlyMap<string, Grants>;
  /** What any other agency has. */
  readonly otherAgencies: Grants;
  /** Where the roles came from, for logs: a file path, or 'built-in defaults'. */
  readonly source: string;
}

const none = (): Record<Action, Set<KindOrAll>> => ({ search: new Set(), enrol: new Set(), delete: new Set(), audit: new Set(), admin: new Set() });

/** Without a roles file: search, enrol and delete for everyone; audit of others and admin for no one. */
export function defaultRoles(): Roles {
  const g = none();
  for (const a of ['search', 'enrol', 'delete'] as const) g[a].add('*');
  return { agencies: new Map(), otherAgencies: g, source: 'built-in defaults' };
}

function grantsOf(roles: Roles, agency: string): Grants | undefined {
  if (!isAgency(agency)) return undefined;
  return roles.agencies.get(agency) ?? roles.otherAgencies;
}

/** True when `agency` may perform `action` on records of `kind`. Malformed agencies may do nothing. */
export function permits(roles: Roles, agency: string, action: Action, kind: KindOrAll): boolean {
  const set = grantsOf(roles, agency)?.[action];
  if (!set) return false;
  return set.has('*') || (kind !== '*' && set.has(kind));
}

/** True when `agency` may perform `action` on at least one kind (a batch, whose items say which). */
export function permitsAny(roles: Roles, agency: string, action: Action): boolean {
  return (grantsOf(roles, agency)?.[action].size ?? 0) > 0;
}

/** May list and verify the audit entries of every agency's calls (not only its own). */
export function mayAuditAll(roles: Roles, agency: string): boolean {
  return permits(roles, agency, 'audit', '*');
}

/** May see the whole server's statistics. */
export function isAdmin(roles: Roles, agency: string): boolean {
  return permits(roles, agency, 'admin', '*');
}

/** PERMISSION_DENIED naming the action and the kind. */
export function refusal(agency: string, action: Action, kind: KindOrAll): EngineError {
  const what = action === 'audit' ? 'audit the calls of other agencies'
    : action === 'admin' ? 'administer the server'
      : `${action} ${kind === '*' ? 'records' : `${kind} records`}`;
  return new EngineError(ErrorCode.PermissionDenied, `agency ${agency} may not ${what} (action ${action}, kind ${kind}; see the roles file)`);
}

/** Throws PERMISSION_DENIED unless `agency` may perform `action` on `kind` (the batch runner calls this per item). */
export function requirePermit(roles: Roles, agency: string, action: Action, kind: KindOrAll): void {
  if (!permits(roles, agency, action, kind)) throw refusal(agency, action, kind);
}

// --- The roles file -------------------------------------------------------------------------

/** A roles file's problems, each naming where in the file (`agencies.CITY-PD.search[1]`). */
export class RolesFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'RolesFileError';
  }
}

function parseGrants(value: unknown, at: string, problems: string[]): Grants {
  const g = none();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${at}: must be an object of action → record kinds`);
    return g;
  }
  for (const [action, kinds] of Object.entries(value)) {
    if (!(ACTIONS as readonly string[]).includes(action)) { problems.push(`${at}.${action}: unknown action (one of ${ACTIONS.join(', ')})`); continue; }
    if (!Array.isArray(kinds)) { problems.push(`${at}.${action}: must be an array of record kinds`); continue; }
    kinds.forEach((k: unknown, i) => {
      const where = `${at}.${action}[${i}]`;
      if (action === 'audit' || action === 'admin') {
        if (k !== '*') problems.push(`${where}: ${action} is not per record kind; write ["*"]`);
        else g[action].add('*');
      } else if (k === '*' || (ROLE_KINDS as readonly unknown[]).includes(k)) g[action as Action].add(k as KindOrAll);
      else problems.push(`${where}: unknown record kind ${JSON.stringify(k)} (one of ${ROLE_KINDS.join(', ')}, *)`);
    });
  }
  return g;
}

/** Parses and validates a roles file's text; throws RolesFileError listing every problem. */
export function parseRoles(text: string, source: string): Roles {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RolesFileError([`not valid JSON (${e instanceof Error ? e.message : 'parse error'})`]);
  }
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new RolesFileError(['must be a JSON object with "agencies" and optionally "default"']);
  for (const key of Object.keys(doc)) if (key !== 'agencies' && key !== 'default' && key !== 'comment') problems.push(`${key}: unknown key (agencies, default, comment)`);
  const { agencies: rawAgencies, default: rawDefault } = doc as { agencies?: unknown; default?: unknown };
  const agencies = new Map<string, Grants>();
  if (typeof rawAgencies !== 'object' || rawAgencies === null || Array.isArray(rawAgencies)) problems.push('agencies: must be an object of agency code → grants');
  else {
    for (const [agency, grants] of Object.entries(rawAgencies)) {
      if (!isAgency(agency)) { problems.push(`agencies.${agency}: not an agency code (letters, digits, '.', '_', '-'; at most 64)`); continue; }
      agencies.set(agency, parseGrants(grants, `agencies.${agency}`, problems));
    }
  }
  const otherAgencies = rawDefault === undefined ? none() : parseGrants(rawDefault, 'default', problems);
  if (problems.length) throw new RolesFileError(problems);
  return { agencies, otherAgencies, source };
}

// --- Every RPC method: its action and record kind ----------------------------------------------

/** What a method needs of its caller. */
export interface MethodRule {
  /** 'none': touches no record (Extract); no agency, role or purpose needed. */
  readonly action: Action | 'none';
  readonly kind: KindOrAll;
  /** Reads or searches records: the call must carry a purpose and a case reference (purpose.ts). */
  readonly purpose: boolean;
  /**
   * Every agency may call it; the operation narrows the answer to the caller's share unless it
   * holds the action (GetStats: visible counts unless admin; ListAudit: own calls unless audit).
   */
  readonly narrowed?: true;
  /**
   * The record kind is decided per item (batch jobs): the caller needs the action for at least
   * one kind to call; the batch runner checks each item with `requirePermit`.
   */
  readonly perItem?: true;
}

const rule = (action: Action | 'none', kind: KindOrAll, purpose: boolean, extra: { narrowed?: true; perItem?: true } = {}): MethodRule => ({ action, kind, purpose, ...extra });

/**
 * Every method of every service in proto/, by path. roles.test.ts fails when a method in the
 * service definitions is missing here. A latent search searches the enrolled tenprints
 * (fingerprint); the unsolved latent file holds latent records.
 */
export const METHOD_RULES: Readonly<Record<string, MethodRule>> = {
  '/biomatch.v1.FingerprintService/Extract': rule('none', '*', false),
  '/biomatch.v1.FingerprintService/Enroll': rule('enrol', 'fingerprint', false),
  '/biomatch.v1.FingerprintService/Verify': rule('search', 'fingerprint', true),
  '/biomatch.v1.FingerprintService/Identify': rule('search', 'fingerprint', true),
  '/biomatch.v1.FingerprintService/Delete': rule('delete', 'fingerprint', false),
  '/biomatch.v1.FingerprintService/Get': rule('search', 'fingerprint', true),

  '/biomatch.v1.LatentService/Search': rule('search', 'fingerprint', true),
  '/biomatch.v1.LatentService/AddToUnsolvedFile': rule('enrol', 'latent', false),
  '/biomatch.v1.LatentService/SearchUnsolvedFile': rule('search', 'latent', true),
  '/biomatch.v1.LatentService/ListUnsolved': rule('search', 'latent', true),
  '/biomatch.v1.LatentService/GetLatent': rule('search', 'latent', true),
  '/biomatch.v1.LatentService/RemoveFromUnsolvedFile': rule('delete', 'latent', false),
  // Extraction touches no record; hits name tenprint records the mark's owner may see (a read).
  '/biomatch.v1.LatentService/ExtractLatent': rule('none', '*', false),
  '/biomatch.v1.LatentService/ListLatentHits': rule('search', 'latent', true),
  '/biomatch.v1.LatentService/AcknowledgeLatentHit': rule('search', 'latent', false),

  '/biomatch.v1.DnaService/Enroll': rule('enrol', 'dna-profile', false),
  '/biomatch.v1.DnaService/Import': rule('enrol', 'dna-profile', false),
  '/biomatch.v1.DnaService/Search': rule('search', 'dna-profile', true),
  '/biomatch.v1.DnaService/KinshipSearch': rule('search', 'dna-profile', true),
  '/biomatch.v1.DnaService/Delete': rule('delete', 'dna-profile', false),
  '/biomatch.v1.DnaService/Get': rule('search', 'dna-profile', true),
  // Reference data (population allele frequencies), no records: no purpose needed.
  '/biomatch.v1.DnaService/ListPopulationTables': rule('search', 'dna-profile', false),

  '/biomatch.v1.BatchService/Submit': rule('search', '*', true, { perItem: true }),
  '/biomatch.v1.BatchService/GetStatus': rule('search', '*', false, { perItem: true }),
  '/biomatch.v1.BatchService/GetResults': rule('search', '*', true, { perItem: true }),
  // The caller's own jobs and schedules only (operations/batch.ts); each item's role is checked as it runs.
  '/biomatch.v1.BatchService/Cancel': rule('search', '*', false, { perItem: true }),
  '/biomatch.v1.BatchService/List': rule('search', '*', false, { perItem: true }),
  '/biomatch.v1.BatchService/Delete': rule('search', '*', false, { perItem: true }),
  '/biomatch.v1.BatchService/AddSchedule': rule('search', '*', true, { perItem: true }),
  '/biomatch.v1.BatchService/ListSchedules': rule('search', '*', false, { perItem: true }),
  '/biomatch.v1.BatchService/RemoveSchedule': rule('search', '*', false, { perItem: true }),
  '/biomatch.v1.BatchService/RunSchedule': rule('search', '*', true, { perItem: true }),

  '/biomatch.v1.AdminService/GetStats': rule('admin', '*', false, { narrowed: true }),
  '/biomatch.v1.AdminService/ListAudit': rule('audit', '*', true, { narrowed: true }),
  '/biomatch.v1.AdminService/VerifyAudit': rule('audit', '*', false, { narrowed: true }),
};

/** The rule of a method path; a path not in the table is refused (fail-closed). */
export function methodRule(path: string): MethodRule | undefined {
  return Object.prototype.hasOwnProperty.call(METHOD_RULES, path) ? METHOD_RULES[path] : undefined;
}
