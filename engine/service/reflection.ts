/**
 * gRPC server reflection (v1 and v1alpha) that serves the descriptors protoc would make, so strict
 * clients (C++ / Python descriptor pools, grpcurl, protobuf-es registries) can load them.
 *
 * Why not `new ReflectionService(packageDefinition)` alone: proto-loader's package definition carries
 * protobufjs' `Root#toDescriptor`, which merges each package into one invented file
 * (`biomatch_v1.proto`, `google_protobuf.proto`), declares no dependencies, names map entries
 * `Loci` instead of `LociEntry`, writes relative type names, camelCases field names (the loader runs
 * with keepCase: false), marks every repeated non-scalar field `packed = false`, and drops the
 * well-known files' options. It also describes only the package definition, so health and
 * reflection itself were never listed.
 *
 * Here each .proto file is parsed on its own (to learn what it declares and imports) and against all
 * the others (to resolve types), then written out as `protoc --descriptor_set_out` does: real file
 * names, declared imports, fully qualified type names, `<CamelField>Entry` map entries with
 * map_entry = true, synthetic oneofs after real ones, json_name on every field (protobuf-es and Go
 * take JSON names from it rather than deriving them). @grpc/reflection then serves those files
 * unchanged (it indexes symbols and sends each file with its dependencies).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type * as Protobuf from 'protobufjs';
import type * as Descriptor from 'protobufjs/ext/descriptor/index.js';
import { PROTO_FILES, protoDir } from './proto.js';

// protobufjs is CommonJS with exports Node's ESM loader cannot see; require is the supported way in.
// It is the copy proto-loader and @grpc/reflection already run on (pinned by the lockfile).
const require = createRequire(import.meta.url);
const protobuf = require('protobufjs') as typeof Protobuf;
const descriptor = require('protobufjs/ext/descriptor') as typeof Descriptor;

type Options = Record<string, unknown>;
interface FieldProto {
  name: string; number: number; label: number; type: number; typeName?: string; extendee?: string;
  defaultValue?: string; oneofIndex?: number; jsonName?: string; options?: Options; proto3Optional?: boolean;
}
interface MessageProto {
  name: string; field: FieldProto[]; nestedType: MessageProto[]; enumType: EnumProto[];
  extensionRange: { start: number; end: number }[]; oneofDecl: { name: string }[];
  reservedRange: { start: number; end: number }[]; reservedName: string[]; options?: Options;
}
interface EnumProto {
  name: string; value: { name: string; number: number; options?: Options }[];
  reservedRange: { start: number; end: number }[]; reservedName: string[]; options?: Options;
}
interface MethodProto { name: string; inputType: string; outputType: string; clientStreaming?: boolean; serverStreaming?: boolean; options?: Options }
interface ServiceProto { name: string; method: MethodProto[]; options?: Options }
export interface FileProto {
  name: string; package?: string; dependency: string[]; messageType: MessageProto[]; enumType: EnumProto[];
  service: ServiceProto[]; options?: Options; syntax?: string;
}

// FieldDescriptorProto.Type and .Label (descriptor.proto).
const SCALAR_TYPES: Record<string, number> = {
  double: 1, float: 2, int64: 3, uint64: 4, int32: 5, fixed64: 6, fixed32: 7, bool: 8, string: 9,
  bytes: 12, uint32: 13, sfixed32: 15, sfixed64: 16, sint32: 17, sint64: 18,
};
const TYPE_GROUP = 10, TYPE_MESSAGE = 11, TYPE_ENUM = 14;
const LABEL_OPTIONAL = 1, LABEL_REQUIRED = 2, LABEL_REPEATED = 3;
/** Field numbers run to 2^29 - 1; descriptor ranges are end-exclusive. */
const FIELD_NUMBER_END = 536_870_912;

/** A .proto file as the server knows it: its import name and where its text lives. */
interface ProtoSource { name: string; text: string; syntax: 'proto2' | 'proto3'; wellKnownOptions?: Options }

/** protoc's JSON name: `subject_id` -> `subjectId` (descriptor.cc ToJsonName). */
export function jsonName(fieldName: string): string {
  return fieldName.replace(/_(.?)/g, (_, c: string) => c.toUpperCase());
}

/** protoc's map entry name: `allele_calls` -> `AlleleCallsEntry` (descriptor.cc MapEntryName). */
export function mapEntryName(fieldName: string): string {
  let out = '', upper = true;
  for (const c of fieldName) {
    if (c === '_') { upper = true; continue; }
    out += upper ? c.toUpperCase() : c;
    upper = false;
  }
  return out + 'Entry';
}

/**
 * File options of the well-known types, as protobuf's own timestamp.proto etc. declare them
 * (protobufjs carries these files' types but not their options). A client whose pool already holds
 * google/protobuf/timestamp.proto accepts ours only if the two are the same file.
 */
function wellKnownFileOptions(base: string): Options {
  const camel = mapEntryName(base).slice(0, -'Entry'.length);
  return {
    javaPackage: 'com.google.protobuf', javaOuterClassname: `${camel}Proto`, javaMultipleFiles: true,
    goPackage: `google.golang.org/protobuf/types/known/${base.replace(/_/g, '')}pb`,
    ...(base === 'any' ? {} : { ccEnableArenas: true }),
    objcClassPrefix: 'GPB', csharpNamespace: 'Google.Protobuf.WellKnownTypes',
  };
}
/**
 * Well-known files whose protobufjs copy, with the options above, equals protobuf's own (checked
 * against protobuf 4.21's _pb2 descriptors). struct.proto is not among them: protobufjs spells its
 * fields camelCase (`nullValue`); describing it needs the real file.
 */
const WELL_KNOWN = new Set(['any', 'duration', 'empty', 'field_mask', 'timestamp', 'wrappers']);

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

/** Where each import name is found: ours under proto/, health and reflection in their packages. */
function readSource(name: string): ProtoSource {
  const wellKnown = /^google\/protobuf\/(\w+)\.proto$/.exec(name);
  if (wellKnown) {
    if (!WELL_KNOWN.has(wellKnown[1])) throw new Error(`reflection: no descriptor for well-known file ${name}`);
    const json = protobuf.common.get(name);
    if (!json) throw new Error(`reflection: protobufjs does not carry ${name}`);
    return { name, text: '', syntax: 'proto3', wellKnownOptions: wellKnownFileOptions(wellKnown[1]) };
  }
  let path: string;
  if (name === 'grpc/health/v1/health.proto') path = join(packageDir('grpc-health-check'), 'proto', 'health', 'v1', 'health.proto');
  else if (name.startsWith('grpc/reflection/')) path = join(packageDir('@grpc/reflection'), 'build', 'proto', name);
  else path = join(protoDir(), name);
  const text = readFileSync(path, 'utf8');
  const syntax = /^\s*syntax\s*=\s*["'](proto[23])["']\s*;/m.exec(text)?.[1];
  if (/^\s*edition\s*=/m.test(text)) throw new Error(`reflection: ${name} uses editions, which this builder does not describe`);
  return { name, text, syntax: syntax === 'proto3' ? 'proto3' : 'proto2' };
}

/** Names a file declares (top level, in order) and what it imports, from parsing it alone. */
interface Declared { pkg: string; imports: string[]; names: string[]; options: Options }

function declared(source: ProtoSource): Declared {
  if (source.wellKnownOptions) {
    const root = protobuf.Root.fromJSON(protobuf.common.get(source.name)!);
    const ns = root.lookup('google.protobuf') as Protobuf.Namespace;
    return { pkg: 'google.protobuf', imports: [], names: ns.nestedArray.map((n) => n.name), options: source.wellKnownOptions };
  }
  const parsed = protobuf.parse(source.text, new protobuf.Root(), { keepCase: true });
  if (parsed.weakImports?.length) throw new Error(`reflection: ${source.name} has weak imports, which this builder does not describe`);
  const ns = parsed.package ? parsed.root.lookup(parsed.package) as Protobuf.Namespace : parsed.root;
  return { pkg: parsed.package ?? '', imports: parsed.imports ?? [], names: ns.nestedArray.map((n) => n.name), options: ns.options ?? {} };
}

/**
 * Options as descriptor.proto's XxxOptions message: known options by their camelCase field name.
 * Custom options (`(my.ext) = ...`) are left out: a client loads the file without them.
 */
function optionsOf(raw: Options | undefined, type: Protobuf.Type, skip: string[] = []): Options | undefined {
  if (!raw) return undefined;
  const out: Options = {};
  for (const [key, value] of Object.entries(raw)) {
    if (skip.includes(key) || key.startsWith('(') || key === 'features') continue;
    const camel = protobuf.util.camelCase(key);
    if (type.fields[camel]) out[camel] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A message or enum field's type, by its fully qualified name (protobufjs' fullName has the leading dot). */
function typeRef(resolved: Protobuf.ReflectionObject | null, what: string, delimited = false): { type: number; typeName?: string } {
  if (resolved instanceof protobuf.Enum) return { type: TYPE_ENUM, typeName: resolved.fullName };
  if (resolved instanceof protobuf.Type) return { type: delimited ? TYPE_GROUP : TYPE_MESSAGE, typeName: resolved.fullName };
  throw new Error(`reflection: cannot resolve the type of ${what}`);
}

function fieldProto(field: Protobuf.Field, syntax: string, oneofIndex: Map<Protobuf.OneOf, number>): FieldProto {
  field.resolve();
  const scalar = SCALAR_TYPES[field.type];
  const out: FieldProto = {
    name: field.name, number: field.id,
    label: field.repeated ? LABEL_REPEATED : field.required && syntax === 'proto2' ? LABEL_REQUIRED : LABEL_OPTIONAL,
    ...(scalar !== undefined ? { type: scalar } : typeRef(field.resolvedType, field.fullName, field.delimited)),
  };
  const options = field.options ?? {};
  if (options.default !== undefined) out.defaultValue = String(options.default);
  if (field.partOf) out.oneofIndex = oneofIndex.get(field.partOf);
  out.jsonName = typeof options.json_name === 'string' ? options.json_name : jsonName(field.name);
  if (options.proto3_optional) out.proto3Optional = true;
  const fieldOptions = optionsOf(options, descriptor.FieldOptions, ['default', 'json_name', 'proto3_optional']);
  if (fieldOptions) out.options = fieldOptions;
  return out;
}

/** A map field as protoc writes it: repeated `XxxEntry`, a nested message of key = 1, value = 2. */
function mapField(field: Protobuf.MapField, parent: Protobuf.Type): { field: FieldProto; entry: MessageProto } {
  field.resolve();
  const entryName = mapEntryName(field.name);
  const key = SCALAR_TYPES[field.keyType];
  if (key === undefined) throw new Error(`reflection: map key of ${field.fullName} is not a scalar`);
  const valueScalar = SCALAR_TYPES[field.type];
  const value = valueScalar !== undefined ? { type: valueScalar } : typeRef(field.resolvedType, field.fullName);
  const fieldOptions = optionsOf(field.options, descriptor.FieldOptions, ['json_name']);
  return {
    field: {
      name: field.name, number: field.id, label: LABEL_REPEATED, type: TYPE_MESSAGE, typeName: `${parent.fullName}.${entryName}`,
      jsonName: typeof field.options?.json_name === 'string' ? field.options.json_name : jsonName(field.name),
      ...(fieldOptions ? { options: fieldOptions } : {}),
    },
    entry: {
      name: entryName,
      field: [
        { name: 'key', number: 1, label: LABEL_OPTIONAL, type: key, jsonName: 'key' },
        { name: 'value', number: 2, label: LABEL_OPTIONAL, ...value, jsonName: 'value' },
      ],
      nestedType: [], enumType: [], extensionRange: [], oneofDecl: [], reservedRange: [], reservedName: [],
      options: { mapEntry: true },
    },
  };
}

/** protobufjs keeps reserved and extension ranges inclusive; descriptors end one past (enums excepted). */
function ranges(list: (number[] | string)[] | undefined, exclusiveEnd: boolean): { start: number; end: number }[] {
  return (list ?? []).filter((r): r is number[] => Array.isArray(r))
    .map(([start, end]) => ({ start, end: exclusiveEnd ? Math.min(end + 1, FIELD_NUMBER_END) : end }));
}

function messageProto(type: Protobuf.Type, syntax: string): MessageProto {
  // protoc puts proto3 `optional`'s synthetic oneofs after every real oneof (descriptor.proto).
  const synthetic = (o: Protobuf.OneOf) => o.fieldsArray.length === 1 && Boolean(o.fieldsArray[0].options?.proto3_optional);
  const oneofs = [...type.oneofsArray.filter((o) => !synthetic(o)), ...type.oneofsArray.filter(synthetic)];
  const oneofIndex = new Map(oneofs.map((o, i) => [o, i]));
  const out: MessageProto = {
    name: type.name, field: [], nestedType: [], enumType: [],
    extensionRange: ranges(type.extensions, true), oneofDecl: oneofs.map((o) => ({ name: o.name })),
    reservedRange: ranges(type.reserved, true), reservedName: (type.reserved ?? []).filter((r): r is string => typeof r === 'string'),
  };
  const entries: MessageProto[] = [];
  for (const field of type.fieldsArray) {
    if (field instanceof protobuf.MapField) {
      const { field: f, entry } = mapField(field, type);
      out.field.push(f);
      entries.push(entry);
    } else {
      out.field.push(fieldProto(field, syntax, oneofIndex));
    }
  }
  for (const nested of type.nestedArray) {
    if (nested instanceof protobuf.Type) out.nestedType.push(messageProto(nested, syntax));
    else if (nested instanceof protobuf.Enum) out.enumType.push(enumProto(nested));
    else throw new Error(`reflection: ${nested.fullName} (nested extension or namespace) is not described`);
  }
  out.nestedType.push(...entries);
  const options = optionsOf(type.options, descriptor.MessageOptions);
  if (options) out.options = options;
  return out;
}

function enumProto(enm: Protobuf.Enum): EnumProto {
  const out: EnumProto = {
    name: enm.name,
    value: Object.entries(enm.values).map(([name, number]) => {
      const options = optionsOf(enm.valuesOptions?.[name], descriptor.EnumValueOptions);
      return { name, number, ...(options ? { options } : {}) };
    }),
    reservedRange: ranges(enm.reserved, false), reservedName: (enm.reserved ?? []).filter((r): r is string => typeof r === 'string'),
  };
  const options = optionsOf(enm.options, descriptor.EnumOptions);
  if (options) out.options = options;
  return out;
}

function serviceProto(service: Protobuf.Service): ServiceProto {
  const out: ServiceProto = {
    name: service.name,
    method: service.methodsArray.map((m) => {
      m.resolve();
      const options = optionsOf(m.options, descriptor.MethodOptions);
      return {
        name: m.name, inputType: m.resolvedRequestType!.fullName, outputType: m.resolvedResponseType!.fullName,
        ...(m.requestStream ? { clientStreaming: true } : {}), ...(m.responseStream ? { serverStreaming: true } : {}),
        ...(options ? { options } : {}),
      };
    }),
  };
  const options = optionsOf(service.options, descriptor.ServiceOptions);
  if (options) out.options = options;
  return out;
}

/** The files reflection describes: ours, health, reflection itself; their imports are added as found. */
export const REFLECTED_FILES = [
  ...PROTO_FILES, 'grpc/health/v1/health.proto', 'grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto',
];

/** protoc-like FileDescriptorProtos for `files` and everything they import, dependencies first. */
export function buildFileDescriptors(files: readonly string[] = REFLECTED_FILES): FileProto[] {
  const sources = new Map<string, { source: ProtoSource; declared: Declared }>();
  const order: string[] = [];
  const visit = (name: string, from: string[]) => {
    if (sources.has(name)) return;
    if (from.includes(name)) throw new Error(`reflection: import cycle ${[...from, name].join(' -> ')}`);
    const source = readSource(name);
    const d = declared(source);
    for (const dep of d.imports) visit(dep, [...from, name]);
    sources.set(name, { source, declared: d });
    order.push(name);
  };
  for (const f of files) visit(f, []);

  const root = new protobuf.Root();
  for (const { source } of sources.values()) {
    if (source.wellKnownOptions) root.addJSON(protobuf.common.get(source.name)!.nested!);
    else protobuf.parse(source.text, root, { keepCase: true });
  }
  root.resolveAll();

  return order.map((name) => {
    const { source, declared: d } = sources.get(name)!;
    const file: FileProto = { name, dependency: d.imports, messageType: [], enumType: [], service: [] };
    if (d.pkg) file.package = d.pkg;
    for (const short of d.names) {
      const obj = root.lookup(d.pkg ? `${d.pkg}.${short}` : short);
      if (obj instanceof protobuf.Type) file.messageType.push(messageProto(obj, source.syntax));
      else if (obj instanceof protobuf.Enum) file.enumType.push(enumProto(obj));
      else if (obj instanceof protobuf.Service) file.service.push(serviceProto(obj));
      else throw new Error(`reflection: ${name} declares ${short}, which is not a message, enum or service`);
    }
    const options = optionsOf(d.options, descriptor.FileOptions);
    if (options) file.options = options;
    // FileDescriptor::CopyTo writes `syntax` for proto3 only.
    if (source.syntax === 'proto3') file.syntax = 'proto3';
    return file;
  });
}

export function encodeFileDescriptor(file: FileProto): Uint8Array {
  return descriptor.FileDescriptorProto.encode(descriptor.FileDescriptorProto.fromObject(file)).finish();
}

/** Service names (package-qualified) in a proto-loader package definition. */
function servicesIn(packageDefinition: PackageDefinition): string[] {
  return Object.entries(packageDefinition).filter(([, def]) => !('format' in def)).map(([name]) => name);
}

/**
 * Registers grpc.reflection.v1 and v1alpha on `server`, describing our files, health and reflection.
 * `packageDefinition` is what the server's services were built from: every service in it must be
 * described, so a service added to proto.ts but not here fails at start, not in a client.
 */
export function addReflection(server: grpc.Server, packageDefinition: PackageDefinition, files: readonly string[] = REFLECTED_FILES): void {
  const protos = buildFileDescriptors(files);
  const described = new Set(protos.flatMap((f) => f.service.map((s) => (f.package ? `${f.package}.${s.name}` : s.name))));
  const missing = servicesIn(packageDefinition).filter((s) => !described.has(s));
  if (missing.length) throw new Error(`reflection: no descriptors for ${missing.join(', ')}`);
  // @grpc/reflection reads only `fileDescriptorProtos` from each entry; one entry carries them all.
  const definition = { files: { fileDescriptorProtos: protos.map((f) => Buffer.from(encodeFileDescriptor(f))) } };
  new ReflectionService(definition as unknown as ConstructorParameters<typeof ReflectionService>[0]).addToServer(server);
}
