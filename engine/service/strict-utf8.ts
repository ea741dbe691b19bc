/**
 * Strict UTF-8 for every string field of every request.
 *
 * proto3 says a string field holds valid UTF-8, but protobufjs (under @grpc/proto-loader) decodes
 * invalid bytes silently into U+FFFD, so two different byte strings become the same id and
 * collide (issue 13: two non-UTF-8 external ids stored as one record). Checking the decoded text
 * cannot tell a replacement character the client sent from one the decoder made up, so the check
 * reads the raw bytes: the server's request deserializer (request-decoding.ts, the one wrapper
 * around grpc-js's decoders) walks the wire form with the message's descriptor and decodes every
 * string field with a fatal TextDecoder. The first invalid field's path makes the request an
 * UndecodableRequest, which the binder answers with INVALID_ARGUMENT naming it, inside the
 * interceptor chain so that the refusal is logged and audited.
 *
 * Cost: one pass over the request bytes, skipping bytes fields and sub-messages that hold no
 * strings (images, templates' numbers), so it is small next to the decode itself.
 */

const fatal = new TextDecoder('utf-8', { fatal: true });

interface DescriptorField { name: string; number: number; type: string; typeName: string }
interface Descriptor { name: string; field: DescriptorField[]; nestedType: Descriptor[]; options?: { mapEntry?: boolean } | null }

interface FieldInfo { path: string; string: boolean; message?: MessageInfo }
interface MessageInfo { fields: Map<number, FieldInfo>; mapEntry: boolean; hasStrings: boolean }

/** proto-loader's field names are camelCase (keepCase: false); errors name the .proto spelling. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

class Schema {
  private readonly descriptors = new Map<string, Descriptor>();
  private readonly infos = new Map<string, MessageInfo>();

  constructor(packageDefinition: Record<string, unknown>) {
    const add = (name: string, d: Descriptor) => {
      this.descriptors.set(name, d);
      for (const n of d.nestedType ?? []) add(`${name}.${n.name}`, n);
    };
    for (const [name, def] of Object.entries(packageDefinition)) {
      const t = (def as { format?: string; type?: Descriptor }).type;
      if ((def as { format?: string }).format?.includes('DescriptorProto') && t) add(name, t);
    }
  }

  /** Resolves a type name as protobuf scoping does: innermost scope first. */
  private resolve(typeName: string, scope: string): string | undefined {
    if (typeName.startsWith('.')) return this.descriptors.has(typeName.slice(1)) ? typeName.slice(1) : undefined;
    const parts = scope.split('.');
    for (let i = parts.length; i >= 0; i--) {
      const candidate = [...parts.slice(0, i), typeName].join('.');
      if (this.descriptors.has(candidate)) return candidate;
    }
    return undefined;
  }

  info(name: string): MessageInfo | undefined {
    const known = this.infos.get(name);
    if (known) return known;
    const d = this.descriptors.get(name);
    if (!d) return undefined;
    const info: MessageInfo = { fields: new Map(), mapEntry: d.options?.mapEntry === true, hasStrings: false };
    this.infos.set(name, info);   // before the fields: recursive types see themselves
    for (const f of d.field) {
      const field: FieldInfo = { path: snake(f.name), string: f.type === 'TYPE_STRING' };
      if (f.type === 'TYPE_MESSAGE') {
        const target = this.resolve(f.typeName, name);
        const m = target ? this.info(target) : undefined;
        if (m) field.message = m;
      }
      info.fields.set(f.number, field);
    }
    return info;
  }

  /** Marks which messages hold strings, directly or below (a fixpoint over recursive types). */
  settle(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const info of this.infos.values()) {
        if (info.hasStrings) continue;
        for (const f of info.fields.values()) {
          if (f.string || f.message?.hasStrings) { info.hasStrings = true; changed = true; break; }
        }
      }
    }
  }
}

function varint(buf: Uint8Array, at: { pos: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (at.pos >= buf.length) throw new RangeError('truncated varint');
    const b = buf[at.pos++];
    if (shift < 28) result |= (b & 0x7f) << shift;
    else result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
    if (shift > 63) throw new RangeError('varint too long');
  }
}

/** The dotted path of the first string field holding invalid UTF-8, or undefined. */
export function firstInvalidUtf8(buf: Uint8Array, message: MessageInfo, prefix = ''): string | undefined {
  const at = { pos: 0 };
  while (at.pos < buf.length) {
    const key = varint(buf, at);
    const number = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) varint(buf, at);
    else if (wire === 1) at.pos += 8;
    else if (wire === 5) at.pos += 4;
    else if (wire === 2) {
      const len = varint(buf, at);
      const start = at.pos;
      at.pos += len;
      if (at.pos > buf.length) throw new RangeError('truncated field');
      const f = message.fields.get(number);
      if (!f) continue;
      // A map's key and value are reported under the map field's own name.
      const path = message.mapEntry ? prefix : prefix ? `${prefix}.${f.path}` : f.path;
      if (f.string) {
        try { fatal.decode(buf.subarray(start, at.pos)); } catch { return path; }
      } else if (f.message?.hasStrings) {
        const inner = firstInvalidUtf8(buf.subarray(start, at.pos), f.message, path);
        if (inner !== undefined) return inner;
      }
    } else return undefined;   // groups: not used by proto3; nothing further to check
  }
  return undefined;
}

/**
 * A checker over one package definition: the dotted path of the first string field of a request of
 * type `typeName` ('biomatch.v1.DnaSearchRequest') whose raw bytes are not valid UTF-8, or
 * undefined. Called by the server's request decoder (request-decoding.ts) on messages that decoded.
 */
export function utf8Checker(packageDefinition: object): (typeName: string, bytes: Uint8Array) => string | undefined {
  const schema = new Schema(packageDefinition as Record<string, unknown>);
  // Each request type is resolved and settled once, on its first request, not on every one.
  const byType = new Map<string, MessageInfo | undefined>();
  return (typeName, bytes) => {
    if (!byType.has(typeName)) {
      byType.set(typeName, schema.info(typeName));
      schema.settle();
    }
    const info = byType.get(typeName);
    if (!info?.hasStrings) return undefined;
    try {
      return firstInvalidUtf8(bytes, info);
    } catch {
      return undefined;   // the decoder accepted it; nothing more to say
    }
  };
}
