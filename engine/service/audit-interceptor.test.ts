import { describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { audit, type AuditEvent, type AuditSink } from './audit-interceptor.js';
import type { Invocation } from './binder.js';
import { EngineError, ErrorCode } from '../errors.js';

function invocation(signal = new AbortController().signal): Invocation {
  return {
    call: { path: '/biomatch.v1.DnaService/Search', service: 'biomatch.v1.DnaService', method: 'Search', metadata: new grpc.Metadata(), peer: 'ipv4:127.0.0.1:9', deadline: Infinity, access: 'agency' },
    caller: { agency: 'AG1', purpose: 'missing-person', caseId: 'C-1' },
    signal,
    recordIds: [],
  };
}

/** A sink that holds each event until released. */
function gatedSink(): AuditSink & { events: AuditEvent[]; release(): void } {
  const events: AuditEvent[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => { open = r; });
  return { events, release: () => open(), record: async (e) => { events.push(e); await gate; } };
}

describe('audit interceptor', () => {
  it('answers only once the sink holds the entry durably', async () => {
    const sink = gatedSink();
    const inv = invocation();
    let answered = false;
    const p = audit(sink)(inv, async () => { inv.recordIds = ['dna_1']; inv.counts = { returned: 1 }; return 'answer'; }).then((r) => { answered = true; return r; });
    await new Promise((r) => setTimeout(r, 30));
    expect(sink.events).toHaveLength(1);
    expect(answered).toBe(false);
    sink.release();
    expect(await p).toBe('answer');
    expect(sink.events[0]).toMatchObject({ agency: 'AG1', method: '/biomatch.v1.DnaService/Search', purpose: 'missing-person', caseReference: 'C-1', recordIds: ['dna_1'], counts: { returned: 1 }, status: 'OK', peer: 'ipv4:127.0.0.1:9' });
  });

  it('records refusals with their status, and the certificate subject when identity set one', async () => {
    const events: AuditEvent[] = [];
    const sink: AuditSink = { record: async (e) => { events.push(e); } };
    const inv = invocation();
    inv.caller = { ...inv.caller, certificateSubject: 'CN=lab-7, O=AG1' } as Invocation['caller'];
    await expect(audit(sink)(inv, async () => { throw new EngineError(ErrorCode.PermissionDenied, 'no'); })).rejects.toMatchObject({ code: ErrorCode.PermissionDenied });
    expect(events[0]).toMatchObject({ status: 'PERMISSION_DENIED', certificateSubject: 'CN=lab-7, O=AG1', recordIds: [], counts: {} });
  });

  it('records what the caller got when the deadline answered first', async () => {
    const events: AuditEvent[] = [];
    const controller = new AbortController();
    const inv = invocation(controller.signal);
    controller.abort(new EngineError(ErrorCode.DeadlineExceeded, 'late'));
    await audit({ record: async (e) => { events.push(e); } })(inv, async () => 'too late');
    expect(events[0].status).toBe('DEADLINE_EXCEEDED');
  });

  it('fails the call UNAVAILABLE when the entry cannot be written, whatever the operation did', async () => {
    const sink: AuditSink = { record: async () => { throw new Error('disk full'); } };
    await expect(audit(sink)(invocation(), async () => 'done')).rejects.toMatchObject({ code: ErrorCode.Unavailable, message: 'the audit trail cannot be written' });
  });
});
