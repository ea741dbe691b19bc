/**
 * Requests that do not decode. grpc-js answers a request its deserializer throws on with INTERNAL
 * ("Error deserializing request"), which tells a client nothing and reads as a server fault. The
 * server's deserializers are wrapped so that they never throw: a message that does not decode
 * becomes an UndecodableRequest, and the binder refuses it with INVALID_ARGUMENT naming the
 * field where the encoding goes wrong (found by walking the wire format against the descriptor).
 *
 * Enum fields too: proto3 enums are open, so a value the contract does not name decodes to a bare
 * number, which the generated types (enum names) do not allow for and the bindings cannot read.
 * Such a request is refused here, once, naming the field, instead of in every binding.
 * Found by the RPC fuzzer (engine/service/testing/fuzz-runner.ts).
 */
import type { PackageDefinition } from '@grpc/proto-loader';
import { EngineError } from '../errors.js';
import { utf8Checker } from './strict-utf8.js';

export class UndecodableRequest {
  constructor(readonly field: string, readonly reason: string) {}
}

/** The message, or INVALID_ARGUMENT when it did not decode. */
export function decodedRequest<T>(message: T): T {
  if (message instanceof UndecodableRequest) throw EngineError.invalidArgument(message.field, message.reason);
  return message;
}

interface FieldLike { name: string; number: number; label: string; type: string; typeName: string }
interface TypeLike { name: string; field: FieldLike[]; nestedType: TypeLike[]; options?: { mapEntry?: boolean } | null }
interface MethodLike { path: string; requestDeserialize(b: Buffer): unknown; requestType?: { type?: TypeLike } }

const MARK = Symbol('tolerant');

/**
 * Wraps every service method's request deserializer (once) so it returns UndecodableRequest instead
 * of throwing, and for unknown enum values and strings that are not valid UTF-8.
 */
export function tolerantRequestDecoding(pd: PackageDefinition): void {
  const invalidUtf8 = utf8Checker(pd);
  for (const [name, entry] of Object.entries(pd)) {
    if ('format' in entry) continue;
    const pkg = name.slice(0, name.lastIndexOf('.'));
    for (const method of Object.values(entry as unknown as Record<string, MethodLike>)) {
      const original = method.requestDeserialize as MethodLike['requestDeserialize'] & { [MARK]?: true };
      if (original[MARK]) continue;
      const type = method.requestType?.type;
      const wrapped = (b: Buffer) => {
        try {
          const decoded = original(b);
          const bad = type ? unknownEnum(decoded, type, (n, scope) => resolveType(pd, pkg, n, scope), '', 0) : undefined;
          if (bad) return new UndecodableRequest(bad.field, bad.reason);
          // protobufjs turns invalid UTF-8 into U+FFFD silently: two ids would collide (strict-utf8.ts).
          const notUtf8 = type ? invalidUtf8(`${pkg}.${type.name}`, b) : undefined;
          return notUtf8 !== undefined ? new UndecodableRequest(notUtf8, 'is not valid UTF-8') : decoded;
        } catch {
          const at = type ? locate(b, type, (n, scope) => resolveType(pd, pkg, n, scope), '', 0) : undefined;
          return new UndecodableRequest(at?.field ?? 'request', at?.reason ?? 'is not a valid protobuf encoding');
        }
      };
      method.requestDeserialize = Object.assign(wrapped, { [MARK]: true as const });
    }
  }
}

function resolveType(pd: PackageDefinition, pkg: string, name: string, scope: TypeLike): TypeLike | undefined {
  const nested = scope.nestedType.find((t) => t.name === name);
  if (nested) return nested;
  const bare = name.replace(/^\./, '');
  for (const key of [`${pkg}.${bare}`, bare]) {
    const e = pd[key] as { format?: string; type?: TypeLike } | undefined;
    if (e && 'format' in e && e.type && Array.isArray(e.type.field)) return e.type;
  }
  return undefined;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function expectedWire(f: FieldLike): number[] {
  switch (f.type) {
    case 'TYPE_DOUBLE': case 'TYPE_FIXED64': case 'TYPE_SFIXED64': return f.label === 'LABEL_REPEATED' ? [1, 2] : [1];
    case 'TYPE_FLOAT': case 'TYPE_FIXED32': case 'TYPE_SFIXED32': return f.label === 'LABEL_REPEATED' ? [5, 2] : [5];
    case 'TYPE_STRING': case 'TYPE_BYTES': case 'TYPE_MESSAGE': return [2];
    case 'TYPE_GROUP': return [3];
    default: return f.label === 'LABEL_REPEATED' ? [0, 2] : [0];
  }
}

/** The first place where `b` is not a valid encoding of `type`: the field's dotted path and why. */
function locate(b: Buffer, type: TypeLike, resolve: (name: string, scope: TypeLike) => TypeLike | undefined, prefix: string, depth: number): { field: string; reason: string } | undefined {
  const here = prefix || 'request';
  let pos = 0;
  const varint = (): number | undefined => {
    let shift = 0;
    let v = 0;
    while (pos < b.length && shift < 70) {
      const byte = b[pos++];
      if (shift < 53) v += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return v;
      shift += 7;
    }
    return undefined;
  };
  while (pos < b.length) {
    const tag = varint();
    if (tag === undefined) return { field: here, reason: 'ends inside a field tag' };
    const number = Math.floor(tag / 8);
    const wire = tag % 8;
    const f = type.field.find((x) => x.number === number);
    const path = f ? (prefix ? `${prefix}.${snake(f.name)}` : snake(f.name)) : `${here} (field ${number})`;
    if (number === 0) return { field: here, reason: 'has a field numbered 0' };
    if (wire === 6 || wire === 7) return { field: path, reason: `has invalid wire type ${wire}` };
    if (f && !expectedWire(f).includes(wire)) return { field: path, reason: `has wire type ${wire}, which its type does not allow` };
    if (wire === 0) { if (varint() === undefined) return { field: path, reason: 'is truncated' }; continue; }
    if (wire === 1 || wire === 5) { pos += wire === 1 ? 8 : 4; if (pos > b.length) return { field: path, reason: 'is truncated' }; continue; }
    if (wire === 2) {
      const len = varint();
      if (len === undefined || pos + len > b.length) return { field: path, reason: 'is truncated (its length runs past the end of the message)' };
      const body = b.subarray(pos, pos + len);
      pos += len;
      if (f?.type === 'TYPE_MESSAGE' && depth < 32) {
        const sub = resolve(f.typeName, type);
        const inner = sub ? locate(body, sub, resolve, path, depth + 1) : undefined;
        if (inner) return inner;
      }
      continue;
    }
    // Groups (wire type 3 to the matching 4) are skipped, as protobufjs does; an end without a start is not.
    if (wire === 4) return { field: path, reason: 'has an end-group marker without a start' };
    if (!skipGroup(number)) return { field: path, reason: 'holds a group that does not end' };
  }
  return undefined;

  function skipGroup(number: number, level = 0): boolean {
    while (pos < b.length && level < 32) {
      const tag = varint();
      if (tag === undefined) return false;
      const wire = tag % 8;
      if (wire === 4) return Math.floor(tag / 8) === number;
      if (wire === 0) { if (varint() === undefined) return false; } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else if (wire === 2) { const len = varint(); if (len === undefined) return false; pos += len; } else if (wire === 3) { if (!skipGroup(Math.floor(tag / 8), level + 1)) return false; } else return false;
      if (pos > b.length) return false;
    }
    return false;
  }
}

/** The first enum field (at any depth) holding a value the contract does not name. */
function unknownEnum(value: unknown, type: TypeLike, resolve: (name: string, scope: TypeLike) => TypeLike | undefined, prefix: string, depth: number): { field: string; reason: string } | undefined {
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  const obj = value as Record<string, unknown>;
  for (const f of type.field) {
    const v = obj[f.name];
    if (v === undefined || v === null) continue;
    const path = prefix ? `${prefix}.${snake(f.name)}` : snake(f.name);
    if (f.type === 'TYPE_ENUM') {
      const values = Array.isArray(v) ? v : [v];
      const i = values.findIndex((x) => typeof x !== 'string');
      if (i >= 0) return { field: Array.isArray(v) ? `${path}[${i}]` : path, reason: `has the value ${String(values[i])}, which is not one of its enum's values` };
      continue;
    }
    if (f.type !== 'TYPE_MESSAGE') continue;
    const sub = resolve(f.typeName, type);
    if (!sub) continue;
    if (sub.options?.mapEntry) {
      const valueField = sub.field.find((x) => x.number === 2);
      for (const [key, entry] of Object.entries(v as Record<string, unknown>)) {
        if (valueField?.type === 'TYPE_ENUM' && typeof entry !== 'string') return { field: `${path}.${key.slice(0, 40)}`, reason: `has the value ${String(entry)}, which is not one of its enum's values` };
        const valueType = valueField?.type === 'TYPE_MESSAGE' ? resolve(valueField.typeName, sub) : undefined;
        const inner = valueType ? unknownEnum(entry, valueType, resolve, `${path}.${key.slice(0, 40)}`, depth + 1) : undefined;
        if (inner) return inner;
      }
      continue;
    }
    const items = Array.isArray(v) ? v : [v];
    for (let i = 0; i < items.length; i++) {
      const inner = unknownEnum(items[i], sub, resolve, Array.isArray(v) ? `${path}[${i}]` : path, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}
