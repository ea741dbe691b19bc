/**
 * Reflection as a generic client sees it: list the services, fetch their files by symbol and by
 * name, load them into a strict descriptor registry (protobuf-es), and call DnaService through a
 * client made from those descriptors alone. The checks a protoc-built pool makes and protobuf-es
 * does not (types only from the file and its direct imports; map entries named `XxxEntry`) are
 * made here explicitly.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { create, createFileRegistry, fromBinary, fromJson, toBinary, toJson, type DescMessage, type FileRegistry, type JsonValue } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type DescriptorProto, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { startTestService, type TestService } from './test-harness.js';

const reflectionProto = (version: string) =>
  join(dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')), 'build', 'proto', 'grpc', 'reflection', version, 'reflection.proto');

interface ReflectionResponse {
  listServicesResponse?: { service: { name: string }[] };
  fileDescriptorResponse?: { fileDescriptorProto: Buffer[] };
  errorResponse?: { errorCode: number; errorMessage: string };
}

/** A reflection client of one version, built from reflection.proto the way every generic client is. */
function reflectionClient(address: string, version: 'v1' | 'v1alpha') {
  const def = protoLoader.loadSync(reflectionProto(version), { keepCase: false, defaults: true, arrays: true, oneofs: true });
  const Ctor = (grpc.loadPackageDefinition(def).grpc as grpc.GrpcObject);
  const Service = ((Ctor.reflection as grpc.GrpcObject)[version] as grpc.GrpcObject).ServerReflection as grpc.ServiceClientConstructor;
  const client = new Service(address, grpc.credentials.createInsecure());
  const ask = (request: object) => new Promise<ReflectionResponse>((resolve, reject) => {
    const call = client.ServerReflectionInfo() as grpc.ClientDuplexStream<object, ReflectionResponse>;
    call.once('data', (r: ReflectionResponse) => { resolve(r); call.end(); });
    call.once('error', reject);
    call.write(request);
  });
  return { ask, close: () => client.close() };
}

/** protoc's name for a map field's entry message: `allele_calls` -> `AlleleCallsEntry`. */
const entryName = (field: string) => field.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') + 'Entry';

/** What a protoc-built pool checks and protobuf-es does not. Returns every problem found. */
function strictProblems(files: Map<string, FileDescriptorProto>): string[] {
  const problems: string[] = [];
  const declaredIn = new Map<string, string>();
  const declare = (prefix: string, file: string, messages: DescriptorProto[], enums: { name: string }[]) => {
    for (const e of enums) declaredIn.set(`${prefix}.${e.name}`, file);
    for (const m of messages) { declaredIn.set(`${prefix}.${m.name}`, file); declare(`${prefix}.${m.name}`, file, m.nestedType, m.enumType); }
  };
  for (const f of files.values()) declare(f.package ? `.${f.package}` : '', f.name, f.messageType, f.enumType);
  for (const f of files.values()) {
    const visible = new Set([f.name, ...f.dependency]);
    const ref = (where: string, typeName: string) => {
      if (!typeName.startsWith('.')) { problems.push(`${f.name}: ${where} names ${typeName}, not fully qualified`); return; }
      const home = declaredIn.get(typeName);
      if (!home) problems.push(`${f.name}: ${where} names ${typeName}, which no served file declares`);
      else if (!visible.has(home)) problems.push(`${f.name}: ${where} uses ${typeName} from ${home} without importing it`);
    };
    const message = (scope: string, m: DescriptorProto) => {
      const full = `${scope}.${m.name}`;
      for (const field of m.field) if (field.typeName) ref(`${full}.${field.name}`, field.typeName);
      for (const entry of m.nestedType.filter((n) => n.options?.mapEntry)) {
        // Matched by its last name part too, so a relatively named entry is still checked.
        const field = m.field.find((x) => x.typeName === `${full}.${entry.name}` || x.typeName === entry.name);
        if (!field) { problems.push(`${f.name}: map entry ${full}.${entry.name} belongs to no field`); continue; }
        if (entry.name !== entryName(field.name)) problems.push(`${f.name}: map entry of ${full}.${field.name} is ${entry.name}, protoc names it ${entryName(field.name)}`);
        const [key, value] = entry.field;
        if (entry.field.length !== 2 || key.name !== 'key' || key.number !== 1 || value.name !== 'value' || value.number !== 2) {
          problems.push(`${f.name}: map entry ${full}.${entry.name} is not (key = 1, value = 2)`);
        }
      }
      for (const n of m.nestedType) message(full, n);
    };
    for (const m of f.messageType) message(f.package ? `.${f.package}` : '', m);
    for (const s of f.service) for (const m of s.method) { ref(`${s.name}.${m.name}`, m.inputType); ref(`${s.name}.${m.name}`, m.outputType); }
    for (const dep of f.dependency) if (!files.has(dep)) problems.push(`${f.name}: imports ${dep}, which reflection did not serve`);
  }
  return problems;
}

let t: TestService;
let refl: ReturnType<typeof reflectionClient>;
beforeAll(async () => { t = await startTestService(); refl = reflectionClient(t.address, 'v1'); });
afterAll(async () => { refl?.close(); await t?.stop(); });

const BIOMATCH = ['biomatch.v1.FingerprintService', 'biomatch.v1.LatentService', 'biomatch.v1.DnaService', 'biomatch.v1.BatchService', 'biomatch.v1.AdminService'];
const EXPECTED = [...BIOMATCH, 'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'];

const decode = (r: ReflectionResponse) => {
  if (r.errorResponse) throw new Error(`reflection error ${r.errorResponse.errorCode}: ${r.errorResponse.errorMessage}`);
  return r.fileDescriptorResponse!.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b));
};

/** The files of `symbol`, and every import they name, fetched by file name as a client would. */
async function filesFor(symbol: string): Promise<{ first: FileDescriptorProto; files: Map<string, FileDescriptorProto> }> {
  const got = decode(await refl.ask({ fileContainingSymbol: symbol }));
  const files = new Map(got.map((f) => [f.name, f]));
  for (let missing = [...files.values()].flatMap((f) => f.dependency).filter((d) => !files.has(d)); missing.length;
    missing = [...files.values()].flatMap((f) => f.dependency).filter((d) => !files.has(d))) {
    for (const name of new Set(missing)) {
      const r = await refl.ask({ fileByFilename: name });
      for (const f of decode(r)) if (!files.has(f.name)) files.set(f.name, f);
    }
  }
  return { first: got[0], files };
}

/**
 * A strict registry: files go in dependencies first, and one whose import is absent is refused.
 * (A FileDescriptorSet, not the resolver form: protobuf-es 2.17's resolver adds a file reached twice
 * before its own imports.)
 */
function registryFor(files: Map<string, FileDescriptorProto>): FileRegistry {
  const ordered: FileDescriptorProto[] = [];
  const visit = (name: string) => {
    const f = files.get(name);
    if (!f || ordered.includes(f)) return;
    f.dependency.forEach(visit);
    ordered.push(f);
  };
  for (const name of files.keys()) visit(name);
  return createFileRegistry(create(FileDescriptorSetSchema, { file: ordered }));
}

describe('reflection', () => {
  it('lists our services, health and reflection itself, on v1 and v1alpha', async () => {
    for (const version of ['v1', 'v1alpha'] as const) {
      const c = reflectionClient(t.address, version);
      try {
        const names = (await c.ask({ listServices: '*' })).listServicesResponse!.service.map((s) => s.name);
        expect(names.sort()).toEqual([...EXPECTED].sort());
      } finally { c.close(); }
    }
  });

  it('serves, for every service, files a strict descriptor pool loads', async () => {
    for (const service of EXPECTED) {
      const { first, files } = await filesFor(service);
      expect(first.service.map((s) => `${first.package}.${s.name}`), service).toContain(service);
      expect(strictProblems(files), service).toEqual([]);
      const registry = registryFor(files);
      expect(registry.getService(service)?.typeName, service).toBe(service);
      // By file name too: the file comes back first, under the name its importers use.
      for (const name of files.keys()) expect(decode(await refl.ask({ fileByFilename: name }))[0].name).toBe(name);
    }
  });

  it('describes DnaProfile.loci as protoc does: a LociEntry map of string to LocusAlleles', async () => {
    const { first, files } = await filesFor('biomatch.v1.DnaProfile');
    expect(first.name).toBe('biomatch/v1/dna.proto');
    const loci = registryFor(files).getMessage('biomatch.v1.DnaProfile')!.fields.find((f) => f.name === 'loci')!;
    expect(loci.fieldKind).toBe('map');
    expect(loci.message?.typeName).toBe('biomatch.v1.LocusAlleles');
    expect(files.get('biomatch/v1/dna.proto')!.messageType.find((m) => m.name === 'DnaProfile')!.nestedType.map((n) => n.name)).toEqual(['LociEntry']);
    expect(files.get('biomatch/v1/common.proto')!.dependency).toEqual(['google/protobuf/timestamp.proto']);
  });

  it('a client built from reflection alone enrols and searches a DNA profile, and checks health', async () => {
    const { files } = await filesFor('biomatch.v1.DnaService');
    const registry = registryFor(files);
    const client = new grpc.Client(t.address, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.set('biomatch-agency', 'AG1');
    metadata.set('biomatch-purpose', 'quality-control');
    metadata.set('biomatch-case', 'REFL-1');
    const unary = (service: string, method: string, json: JsonValue): Promise<JsonValue> => {
      const m = registry.getService(service)!.methods.find((x) => x.name === method)!;
      const input: DescMessage = m.input, output: DescMessage = m.output;
      return new Promise((resolve, reject) => client.makeUnaryRequest(
        `/${service}/${method}`, (msg: ReturnType<typeof fromJson>) => Buffer.from(toBinary(input, msg)), (b: Buffer) => fromBinary(output, b),
        fromJson(input, json), metadata, (err, res) => (err ? reject(err) : resolve(toJson(output, res!, { useProtoFieldName: true })))));
    };
    try {
      // Field names as the .proto spells them: a descriptor with camelCased names would refuse these.
      const loci = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
      const profile = { loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) };
      const rec = await unary('biomatch.v1.DnaService', 'Enroll', { profile: { ...profile, kind: 'PROFILE_KIND_OFFENDER' }, subject_id: 'P-REFL', external_id: 'LAB-REFL' }) as { meta: { id: string; created_at: string } };
      expect(rec.meta.id).toMatch(/^dna_/);
      expect(Date.parse(rec.meta.created_at)).toBeGreaterThan(0);   // a Timestamp, decoded through timestamp.proto
      const hits = await unary('biomatch.v1.DnaService', 'Search', { profile, stringency: 'STRINGENCY_HIGH' }) as { candidates: { record_id: string; subject_id: string; dna: { matching_loci: number } }[] };
      expect(hits.candidates.map((c) => c.record_id)).toEqual([rec.meta.id]);
      expect(hits.candidates[0]).toMatchObject({ subject_id: 'P-REFL', dna: { matching_loci: 12 } });

      const health = await filesFor('grpc.health.v1.Health');
      const healthRegistry = registryFor(health.files);
      const check = healthRegistry.getService('grpc.health.v1.Health')!.methods.find((m) => m.name === 'Check')!;
      const status = await new Promise<JsonValue>((resolve, reject) => client.makeUnaryRequest('/grpc.health.v1.Health/Check',
        (msg: ReturnType<typeof fromJson>) => Buffer.from(toBinary(check.input, msg)), (b: Buffer) => fromBinary(check.output, b),
        fromJson(check.input, { service: 'biomatch.v1.DnaService' }), (err, res) => (err ? reject(err) : resolve(toJson(check.output, res!)))));
      expect(status).toEqual({ status: 'SERVING' });
    } finally { client.close(); }
  });
});
