/**
 * Fuzz requests for every RPC, derived from the loaded contract (proto.ts `loadBiomatchProto`):
 * a method added to proto/biomatch/v1 is fuzzed without touching this file.
 *
 * A request is raw bytes, written here with a small protobuf wire writer rather than a library
 * encoder, so that it can be wrong on purpose: wrong wire types, non-UTF-8 strings, repeated fields
 * far past any service limit, oneofs empty or with every member set, unknown and invalid field
 * numbers, truncated and bit-flipped encodings of valid requests. fast-check draws each case
 * (strategy, metadata, a 32-bit seed); the seed drives a small PRNG that walks the message
 * descriptors, so a case is reproduced exactly from the run's seed and its index.
 */
import * as fc from 'fast-check';
import { createFileRegistry, create, fromBinary, fromJson, toBinary, ScalarType, type DescField, type DescMessage, type FileRegistry, type JsonValue } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type DescriptorProto, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { PackageDefinition } from '@grpc/proto-loader';
import * as grpc from '@grpc/grpc-js';
import { AGENCY_HEADER, CASE_HEADER, PURPOSE_HEADER } from '../identity.js';

/**
 * The caller a "valid" fuzz call presents: the one place to change when metadata rules change
 * (e.g. purpose and case become required for searches, or another header is added).
 */
export const FUZZ_CALLER = {
  agency: 'FUZZ',
  /** A second agency the fuzzer also calls as, so visibility between agencies is exercised. */
  otherAgency: 'FUZZ2',
  headers: { [PURPOSE_HEADER]: 'criminal-investigation', [CASE_HEADER]: 'FUZZ-1' } as Record<string, string>,
};

// ---------------------------------------------------------------------------------------------
// The contract

export interface FuzzMethod {
  /** '/biomatch.v1.DnaService/Search' */
  path: string;
  service: string;
  name: string;
  requestStream: boolean;
  responseStream: boolean;
  request: DescMessage;
}

export interface Contract {
  registry: FileRegistry;
  methods: FuzzMethod[];
}

interface MethodDefinitionLike { path: string; requestStream: boolean; responseStream: boolean }

/**
 * Every method of every service in the package definition, with its request descriptor. The
 * loader's file descriptors name types relative to their scope; they are qualified here so the
 * @bufbuild registry can resolve them.
 */
export function contractOf(packageDefinition: PackageDefinition): Contract {
  const raw = new Map<string, Buffer>();
  const services: [string, Record<string, MethodDefinitionLike>][] = [];
  for (const [name, entry] of Object.entries(packageDefinition)) {
    if ('format' in entry) {
      for (const b of (entry as { fileDescriptorProtos: Buffer[] }).fileDescriptorProtos) raw.set(b.toString('base64'), b);
    } else {
      services.push([name, entry as unknown as Record<string, MethodDefinitionLike>]);
    }
  }
  const files = [...raw.values()].map((b) => fromBinary(FileDescriptorProtoSchema, b));
  qualifyTypeNames(files);
  const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: files }));
  const methods: FuzzMethod[] = [];
  for (const [service, defs] of services) {
    const desc = registry.getService(service);
    if (!desc) throw new Error(`service ${service} is not in the file descriptors`);
    for (const [name, def] of Object.entries(defs)) {
      const m = desc.methods.find((x) => `/${service}/${x.name}` === def.path);
      if (!m) throw new Error(`method ${def.path} is not in the file descriptors`);
      methods.push({ path: def.path, service, name, requestStream: def.requestStream, responseStream: def.responseStream, request: m.input });
    }
  }
  return { registry, methods };
}

function qualifyTypeNames(files: FileDescriptorProto[]): void {
  const names = new Set<string>();
  const collect = (prefix: string, msgs: DescriptorProto[], enums: { name: string }[]) => {
    for (const e of enums) names.add(`${prefix}.${e.name}`);
    for (const m of msgs) { names.add(`${prefix}.${m.name}`); collect(`${prefix}.${m.name}`, m.nestedType, m.enumType); }
  };
  for (const f of files) collect(f.package, f.messageType, f.enumType);
  const resolve = (scope: string, msgs: DescriptorProto[]) => {
    for (const m of msgs) {
      const s = `${scope}.${m.name}`;
      for (const field of m.field) {
        if (!field.typeName || field.typeName.startsWith('.')) continue;
        let parts = s.split('.');
        for (;;) {
          const candidate = [...parts, field.typeName].join('.');
          if (names.has(candidate)) { field.typeName = `.${candidate}`; break; }
          if (parts.length === 0) throw new Error(`type ${field.typeName} not found from ${s}`);
          parts = parts.slice(0, -1);
        }
      }
      resolve(s, m.nestedType);
    }
  };
  for (const f of files) resolve(f.package, f.messageType);
  // proto-loader's descriptors drop imports; every file may use every other. Well-known types first.
  files.sort((a, b) => Number(!a.package.startsWith('google.')) - Number(!b.package.startsWith('google.')));
  for (let i = 0; i < files.length; i++) files[i].dependency = files.slice(0, i).map((f) => f.name);
}

/** A valid request from its proto3 JSON form (camelCase fields, enum names), for seeds. */
export function encodeJson(contract: Contract, typeName: string, json: JsonValue): Buffer {
  const desc = contract.registry.getMessage(typeName);
  if (!desc) throw new Error(`no message ${typeName}`);
  return Buffer.from(toBinary(desc, fromJson(desc, json, { registry: contract.registry })));
}

// ---------------------------------------------------------------------------------------------
// The wire

const WIRE = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

function varint(value: bigint | number): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) { out.push(Number(v & 0x7fn) | 0x80); v >>= 7n; }
  out.push(Number(v));
  return Buffer.from(out);
}

function tag(field: number, wire: number): Buffer {
  return varint((BigInt(field >>> 0) << 3n) | BigInt(wire & 7));
}

function lengthDelimited(field: number, body: Buffer): Buffer {
  return Buffer.concat([tag(field, WIRE.bytes), varint(body.length), body]);
}

function fixed64(v: number | bigint, float: boolean): Buffer {
  const b = Buffer.alloc(8);
  if (float) b.writeDoubleLE(Number(v)); else b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)));
  return b;
}

function fixed32(v: number, float: boolean): Buffer {
  const b = Buffer.alloc(4);
  if (float) b.writeFloatLE(v); else b.writeUInt32LE(v >>> 0);
  return b;
}

function zigzag(v: bigint): bigint {
  return BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
}

// ---------------------------------------------------------------------------------------------
// Random values

/** A small seeded PRNG (mulberry32), so that one 32-bit seed reproduces a whole message. */
export class Rand {
  private a: number;
  constructor(seed: number) { this.a = seed >>> 0; }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number { return Math.floor(this.next() * maxExclusive); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  bytes(n: number): Buffer { const b = Buffer.alloc(n); for (let i = 0; i < n; i++) b[i] = this.int(256); return b; }
}

const INTERESTING_INTS: readonly bigint[] = [0n, 1n, 2n, 7n, 10n, 13n, 20n, 100n, 255n, 256n, 500n, 1000n, 65535n, 65536n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n - 1n, -1n, -(2n ** 31n), -(2n ** 63n)];
const INTERESTING_DOUBLES: readonly number[] = [0, -0, 1, -1, 0.5, 0.01, 45, 360, 500, 1e-300, 1e300, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53)];
const NON_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x28, 0x8c, 0xbc]),
  Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0x41, 0xfe, 0x42]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
];

/** What a generated value may draw on: strings and blobs that reach deep code, and valid sub-messages. */
export interface FuzzDictionary {
  /** Record ids, agency codes, locus names, allele designations, format names ... */
  strings: string[];
  /** Real payloads (images, encoded templates, CSV) to send whole or mutated. */
  blobs: Buffer[];
  /** Valid encodings per message type (full name), used whole or as the base of a mutation. */
  seeds: Map<string, Buffer[]>;
}

export const STRATEGIES = [
  'generated', 'non-utf8', 'wrong-wire-type', 'huge-repeated', 'oneof-none', 'oneof-all', 'unknown-fields', 'empty',
  'seed', 'seed-truncated', 'seed-bitflip', 'seed-merged', 'random-bytes',
] as const;
export type Strategy = typeof STRATEGIES[number];

interface Mode {
  nonUtf8: number;
  wrongWire: number;
  oneof: 'one' | 'none' | 'all';
  huge: boolean;
  unknown: boolean;
  /** Bytes left for huge repeated fields, so a run stays fast. */
  budget: { bytes: number };
}

/** Upper bound on the bytes one huge repeated field may take (past the service limits, bounded). */
export const HUGE_FIELD_BYTES = 1_500_000;

class Generator {
  constructor(private readonly r: Rand, private readonly dict: FuzzDictionary, private readonly mode: Mode) {}

  message(desc: DescMessage, depth: number): Buffer {
    const parts: Buffer[] = [];
    const seeds = this.dict.seeds.get(desc.typeName);
    if (seeds?.length && depth > 0 && this.r.chance(0.3)) {
      parts.push(this.r.pick(seeds));
      if (this.r.chance(0.6)) return parts[0];
    }
    const presence = depth === 0 ? 0.8 : Math.max(0.15, 0.7 - depth * 0.15);
    for (const field of desc.fields) {
      if (field.oneof) continue;
      if (this.r.chance(presence)) parts.push(this.field(field, depth));
    }
    for (const oneof of desc.oneofs) {
      if (this.mode.oneof === 'none') continue;
      if (this.mode.oneof === 'all') { for (const f of oneof.fields) parts.push(this.field(f, depth)); continue; }
      if (this.r.chance(0.85)) parts.push(this.field(this.r.pick(oneof.fields), depth));
    }
    if (this.mode.unknown && this.r.chance(0.6)) parts.push(this.unknownFields(desc));
    // Fields may come in any order on the wire.
    if (this.r.chance(0.2)) for (let i = parts.length - 1; i > 0; i--) { const j = this.r.int(i + 1); [parts[i], parts[j]] = [parts[j], parts[i]]; }
    return Buffer.concat(parts);
  }

  private field(field: DescField, depth: number): Buffer {
    if (this.r.chance(this.mode.wrongWire)) return this.wrongWire(field.number);
    const repeated = field.fieldKind === 'list' || field.fieldKind === 'map';
    if (!repeated) return this.single(field, depth);
    let count = this.r.int(4);
    if (this.mode.huge && depth <= 3 && this.r.chance(0.5)) {
      // One huge field per message (none nested inside its elements), within the byte budget.
      this.mode.huge = false;
      // A few distinct elements, cycled: cheap to make, still many values for the service to check.
      const distinct = Array.from({ length: 4 }, () => this.single(field, depth + 1));
      const size = Math.max(1, distinct.reduce((n, b) => n + b.length, 0) / distinct.length);
      // Mostly far past the element limits; sometimes up to the whole budget, past the message size limit too.
      count = Math.max(1, Math.min(Math.floor(this.mode.budget.bytes / size), this.r.chance(0.2) ? Infinity : 1000 + this.r.int(50_000)));
      this.mode.budget.bytes -= count * size;
      return Buffer.concat(Array.from({ length: count }, (_, i) => distinct[i % distinct.length]));
    }
    if (field.fieldKind === 'list' && field.listKind !== 'message' && field.scalar !== ScalarType.STRING && field.scalar !== ScalarType.BYTES && this.r.chance(0.5)) {
      // Packed encoding (proto3's default for numeric lists).
      const values = Array.from({ length: count + 1 }, () => this.scalarPayload(field.listKind === 'enum' ? 'enum' : field.scalar!, field).payload);
      return lengthDelimited(field.number, Buffer.concat(values));
    }
    return Buffer.concat(Array.from({ length: count }, () => this.single(field, depth + 1)));
  }

  /** One occurrence of the field, encoded with its right wire type. */
  private single(field: DescField, depth: number): Buffer {
    switch (field.fieldKind) {
      case 'message': return lengthDelimited(field.number, depth > 6 ? Buffer.alloc(0) : this.message(field.message, depth + 1));
      case 'enum': { const p = this.scalarPayload('enum', field); return Buffer.concat([tag(field.number, p.wire), p.payload]); }
      case 'scalar': { const p = this.scalarPayload(field.scalar, field); return Buffer.concat([tag(field.number, p.wire), p.payload]); }
      case 'list': {
        if (field.listKind === 'message') return lengthDelimited(field.number, depth > 6 ? Buffer.alloc(0) : this.message(field.message, depth + 1));
        const p = this.scalarPayload(field.listKind === 'enum' ? 'enum' : field.scalar, field);
        return Buffer.concat([tag(field.number, p.wire), p.payload]);
      }
      case 'map': {
        const key = this.scalarPayload(field.mapKey, field);
        let value: Buffer;
        if (field.mapKind === 'message') value = lengthDelimited(2, depth > 6 ? Buffer.alloc(0) : this.message(field.message, depth + 1));
        else { const v = this.scalarPayload(field.mapKind === 'enum' ? 'enum' : field.scalar, field); value = Buffer.concat([tag(2, v.wire), v.payload]); }
        const entry: Buffer[] = [];
        if (this.r.chance(0.9)) entry.push(tag(1, key.wire), key.payload);
        if (this.r.chance(0.9)) entry.push(value);
        return lengthDelimited(field.number, Buffer.concat(entry));
      }
    }
  }

  private integer(): bigint {
    return this.r.chance(0.5) ? this.r.pick(INTERESTING_INTS) : BigInt(this.r.int(this.r.chance(0.5) ? 30 : 2 ** 31)) * (this.r.chance(0.1) ? -1n : 1n);
  }

  private double(): number {
    return this.r.chance(0.4) ? this.r.pick(INTERESTING_DOUBLES) : (this.r.next() - 0.2) * this.r.pick([1, 100, 1000, 1e6]);
  }

  private stringBytes(): Buffer {
    if (this.r.chance(this.mode.nonUtf8)) {
      const base = this.dict.strings.length && this.r.chance(0.5) ? Buffer.from(this.r.pick(this.dict.strings)) : Buffer.from('id');
      const at = this.r.int(base.length + 1);
      return Buffer.concat([base.subarray(0, at), this.r.pick(NON_UTF8), base.subarray(at)]);
    }
    const roll = this.r.next();
    if (roll < 0.45 && this.dict.strings.length) return Buffer.from(this.r.pick(this.dict.strings));
    if (roll < 0.55) return Buffer.alloc(0);
    if (roll < 0.62) return Buffer.from('x'.repeat(1000 + this.r.int(20_000)));
    if (roll < 0.75) return Buffer.from(this.r.pick(['*', 'ALL', ' ', '\u0000', '../..', '%s%n', 'é', '🧬', '\u202e', 'a\nb', '-1', '1e309', 'NaN', '0x10']));
    return Buffer.from(Array.from({ length: this.r.int(24) }, () => String.fromCharCode(32 + this.r.int(95))).join(''));
  }

  private bytesValue(): Buffer {
    const roll = this.r.next();
    if (roll < 0.35 && this.dict.blobs.length) {
      const blob = this.r.pick(this.dict.blobs);
      return this.r.chance(0.5) ? blob : mutateBytes(this.r, blob);
    }
    if (roll < 0.45) return Buffer.alloc(0);
    return this.r.bytes(this.r.int(this.r.chance(0.1) ? 5000 : 64));
  }

  private scalarPayload(kind: ScalarType | 'enum', field: DescField): { wire: number; payload: Buffer } {
    if (kind === 'enum') {
      const values = (field.enum?.values ?? []).map((v) => v.number);
      const n = values.length && this.r.chance(0.85) ? this.r.pick(values) : Number(BigInt.asIntN(32, this.integer()));
      return { wire: WIRE.varint, payload: varint(BigInt(n)) };
    }
    switch (kind) {
      case ScalarType.DOUBLE: return { wire: WIRE.fixed64, payload: fixed64(this.double(), true) };
      case ScalarType.FLOAT: return { wire: WIRE.fixed32, payload: fixed32(this.double(), true) };
      case ScalarType.FIXED64: case ScalarType.SFIXED64: return { wire: WIRE.fixed64, payload: fixed64(this.integer(), false) };
      case ScalarType.FIXED32: case ScalarType.SFIXED32: return { wire: WIRE.fixed32, payload: fixed32(Number(BigInt.asIntN(32, this.integer())), false) };
      case ScalarType.SINT32: case ScalarType.SINT64: return { wire: WIRE.varint, payload: varint(zigzag(this.integer())) };
      case ScalarType.BOOL: return { wire: WIRE.varint, payload: varint(this.r.chance(0.9) ? BigInt(this.r.int(2)) : this.integer()) };
      case ScalarType.STRING: { const b = this.stringBytes(); return { wire: WIRE.bytes, payload: Buffer.concat([varint(b.length), b]) }; }
      case ScalarType.BYTES: { const b = this.bytesValue(); return { wire: WIRE.bytes, payload: Buffer.concat([varint(b.length), b]) }; }
      default: return { wire: WIRE.varint, payload: varint(this.integer()) };
    }
  }

  /** The field number with a wire type it does not have, or an invalid one (6, 7). */
  private wrongWire(number: number): Buffer {
    const wire = this.r.int(8);
    return Buffer.concat([tag(number, wire), this.payloadFor(wire)]);
  }

  private payloadFor(wire: number): Buffer {
    switch (wire) {
      case WIRE.varint: return varint(this.integer());
      case WIRE.fixed64: return this.r.bytes(8);
      case WIRE.bytes: { const b = this.r.chance(0.5) ? this.stringBytes() : this.r.bytes(this.r.int(40)); return Buffer.concat([varint(b.length), b]); }
      case WIRE.fixed32: return this.r.bytes(4);
      default: return this.r.bytes(this.r.int(6)); // groups and invalid wire types: whatever follows
    }
  }

  private unknownFields(desc: DescMessage): Buffer {
    const max = Math.max(0, ...desc.fields.map((f) => f.number));
    const parts: Buffer[] = [];
    for (let i = 0, n = 1 + this.r.int(4); i < n; i++) {
      const number = this.r.pick([max + 1 + this.r.int(100), 1000 + this.r.int(1000), 2 ** 29 - 1, 19_000 + this.r.int(1000), this.r.chance(0.2) ? 0 : max + 1]);
      const wire = this.r.pick([WIRE.varint, WIRE.fixed64, WIRE.bytes, WIRE.fixed32, WIRE.bytes, WIRE.startGroup]);
      if (wire === WIRE.startGroup) parts.push(tag(number, WIRE.startGroup), tag(number, WIRE.endGroup));
      else parts.push(tag(number, wire), this.payloadFor(wire));
    }
    return Buffer.concat(parts);
  }
}

function mutateBytes(r: Rand, base: Buffer): Buffer {
  const b = Buffer.from(base);
  switch (r.int(4)) {
    case 0: return b.subarray(0, r.int(b.length + 1));
    case 1: { for (let i = 0, n = 1 + r.int(8); i < n && b.length; i++) b[r.int(b.length)] ^= 1 << r.int(8); return b; }
    case 2: { const at = r.int(b.length + 1); return Buffer.concat([b.subarray(0, at), r.bytes(1 + r.int(16)), b.subarray(at)]); }
    default: { const at = r.int(b.length + 1); return Buffer.concat([b.subarray(0, at), b.subarray(r.int(b.length + 1))]); }
  }
}

/** One request message of `desc` made by `strategy` from `seed`. */
export function fuzzMessage(desc: DescMessage, dict: FuzzDictionary, strategy: Strategy, seed: number): Buffer {
  const r = new Rand(seed);
  const mode: Mode = { nonUtf8: 0.03, wrongWire: 0, oneof: 'one', huge: false, unknown: false, budget: { bytes: HUGE_FIELD_BYTES } };
  const seeds = dict.seeds.get(desc.typeName) ?? [];
  const gen = (m: Partial<Mode> = {}) => new Generator(r, dict, { ...mode, ...m }).message(desc, 0);
  const seedOr = () => (seeds.length ? r.pick(seeds) : gen());
  switch (strategy) {
    case 'generated': return gen();
    case 'non-utf8': return gen({ nonUtf8: 0.7 });
    case 'wrong-wire-type': return gen({ wrongWire: 0.3 });
    case 'huge-repeated': return gen({ huge: true });
    case 'oneof-none': return gen({ oneof: 'none' });
    case 'oneof-all': return gen({ oneof: 'all' });
    case 'unknown-fields': return Buffer.concat([seedOr(), new Generator(r, dict, { ...mode, unknown: true }).message(desc, 0)]).subarray(0);
    case 'empty': return Buffer.alloc(0);
    case 'seed': return seedOr();
    case 'seed-truncated': { const s = seedOr(); return s.subarray(0, s.length ? r.int(s.length) : 0); }
    case 'seed-bitflip': { const s = Buffer.from(seedOr()); for (let i = 0, n = 1 + r.int(6); i < n && s.length; i++) s[r.int(s.length)] ^= 1 << r.int(8); return s; }
    // Concatenated encodings merge (proto3): a valid request with some fields overridden or appended.
    case 'seed-merged': return Buffer.concat([seedOr(), gen({ nonUtf8: 0.1, wrongWire: 0.05 })]);
    case 'random-bytes': return r.bytes(r.int(r.chance(0.1) ? 4096 : 64));
  }
}

// ---------------------------------------------------------------------------------------------
// Metadata

// Mostly well-formed callers, so most calls get past identity and reach the decoders and operations.
export const AGENCY_FORMS = [...Array<'valid'>(10).fill('valid'), 'other', 'other', 'other', 'missing', 'huge', 'odd', 'duplicate', 'binary'] as const;
export const HEADER_FORMS = [...Array<'valid'>(6).fill('valid'), 'missing', 'odd', 'huge'] as const;

export interface MetadataSpec {
  agency: typeof AGENCY_FORMS[number];
  headers: typeof HEADER_FORMS[number];
  /** Extra headers with random names and values. */
  extra: number;
  seed: number;
}

const ODD_HEADER_VALUES = ['*', 'ALL', ' ', '', 'a b', '../x', 'zz', 'ZZ;DROP', '%00', 'x'.repeat(65), '-', '.', 'null', 'undefined', '__proto__'];

/**
 * The request metadata for a spec. `forbidden` (the vault agency) is never sent in any form, so
 * the fuzzer can never act as the owner of the pre-loaded records.
 */
export function buildMetadata(spec: MetadataSpec, forbidden: string): grpc.Metadata {
  const r = new Rand(spec.seed);
  const md = new grpc.Metadata();
  const safe = (v: string) => (v.trim().toLowerCase() === forbidden.toLowerCase() ? `${v}-not` : v);
  switch (spec.agency) {
    case 'valid': md.set(AGENCY_HEADER, FUZZ_CALLER.agency); break;
    case 'other': md.set(AGENCY_HEADER, FUZZ_CALLER.otherAgency); break;
    case 'missing': break;
    case 'huge': md.set(AGENCY_HEADER, 'A'.repeat(1000 + r.int(6000))); break;
    case 'odd': md.set(AGENCY_HEADER, safe(r.pick(ODD_HEADER_VALUES))); break;
    case 'duplicate': md.add(AGENCY_HEADER, FUZZ_CALLER.agency); md.add(AGENCY_HEADER, FUZZ_CALLER.otherAgency); break;
    case 'binary': md.set(`${AGENCY_HEADER}-bin`, r.bytes(1 + r.int(40))); break;
  }
  for (const [key, value] of Object.entries(FUZZ_CALLER.headers)) {
    if (spec.headers === 'valid') md.set(key, value);
    else if (spec.headers === 'odd') md.set(key, r.pick(ODD_HEADER_VALUES));
    else if (spec.headers === 'huge') md.set(key, 'c'.repeat(1000 + r.int(3000)));
  }
  for (let i = 0; i < spec.extra; i++) {
    const name = `x-fuzz-${r.int(1000)}`;
    if (r.chance(0.5)) md.add(`${name}-bin`, r.bytes(r.int(64))); else md.add(name, r.pick(ODD_HEADER_VALUES));
  }
  return md;
}

// ---------------------------------------------------------------------------------------------
// Cases

export interface FuzzCase {
  /** Position in the run: with the run's seed, enough to make this case again. */
  index: number;
  method: FuzzMethod;
  strategy: Strategy;
  /** One message for unary and server-streaming methods; 0..n for client streams. */
  messages: Buffer[];
  metadata: MetadataSpec;
  /** Client streams: cancel after writing instead of half-closing. */
  cancelEarly: boolean;
}

const caseShape = fc.record({
  strategy: fc.constantFrom(...STRATEGIES),
  seed: fc.integer(),
  metadata: fc.record({ agency: fc.constantFrom(...AGENCY_FORMS), headers: fc.constantFrom(...HEADER_FORMS), extra: fc.nat(3), seed: fc.integer() }),
  streamLength: fc.nat(5),
  cancelEarly: fc.nat(9).map((n) => n === 0),
});

export type CaseShape = typeof caseShape extends fc.Arbitrary<infer T> ? T : never;

/**
 * `count` case shapes, drawn by fast-check from `seed`: the same seed gives the same cases. Cases
 * are built one at a time from their shapes (`buildCase`), so a long run never holds them all.
 */
export function fuzzCaseShapes(count: number, seed: number): CaseShape[] {
  return fc.sample(caseShape, { seed, numRuns: count });
}

/** Case `index`: methods are taken in turn, so each gets an equal share of the run. */
export function buildCase(contract: Contract, dict: FuzzDictionary, s: CaseShape, index: number): FuzzCase {
  const method = contract.methods[index % contract.methods.length];
  const messages: Buffer[] = [];
  const n = method.requestStream ? s.streamLength : 1;
  for (let i = 0; i < n; i++) {
    // In a stream, each message after the first mixes strategies so a bad message can follow good ones.
    const strategy = i === 0 ? s.strategy : STRATEGIES[((s.seed >>> 0) + i) % STRATEGIES.length];
    messages.push(fuzzMessage(method.request, dict, strategy, (s.seed + i * 7919) | 0));
  }
  return { index, method, strategy: s.strategy, messages, metadata: s.metadata, cancelEarly: s.cancelEarly };
}

/** Hex of the first `max` bytes, 32 a line, for a failure report. */
export function hexDump(b: Buffer, max = 512): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(b.length, max); i += 32) lines.push(`${i.toString(16).padStart(6, '0')}  ${b.subarray(i, Math.min(i + 32, max)).toString('hex')}`);
  if (b.length > max) lines.push(`… ${b.length - max} more bytes`);
  return lines.join('\n');
}
