/**
 * Services whose capabilities are not built yet. Each method answers UNIMPLEMENTED with a message
 * saying which capability is missing — never made-up data. A service moves out of this file when
 * its domain code is wired in.
 */
import * as grpc from '@grpc/grpc-js';
import type { LatentServiceHandlers } from '../generated/biomatch/v1/LatentService.js';
import type { BatchServiceHandlers } from '../generated/biomatch/v1/BatchService.js';
import { unary, clientStream, notYet } from '../call-context.js';
import type { ServiceDeps } from '../deps.js';

export function latentHandlers(deps: ServiceDeps): LatentServiceHandlers {
  const { log, tracker } = deps;
  const m = (name: string, what: string) => unary(`LatentService/${name}`, log, tracker, notYet(what));
  return {
    Search: m('Search', 'latent mark search'),
    AddToUnsolvedFile: m('AddToUnsolvedFile', 'the unsolved latent file'),
    SearchUnsolvedFile: m('SearchUnsolvedFile', 'reverse search of the unsolved latent file'),
    ListUnsolved: m('ListUnsolved', 'the unsolved latent file'),
    GetLatent: m('GetLatent', 'the unsolved latent file'),
    RemoveFromUnsolvedFile: m('RemoveFromUnsolvedFile', 'the unsolved latent file'),
  };
}

export function batchHandlers(deps: ServiceDeps): BatchServiceHandlers {
  const { log, tracker } = deps;
  return {
    Submit: clientStream('BatchService/Submit', log, tracker, notYet('batch jobs')),
    GetStatus: unary('BatchService/GetStatus', log, tracker, notYet('batch jobs')),
    GetResults: (call) => {
      log.info('call', { method: 'BatchService/GetResults', code: 'UNIMPLEMENTED' });
      call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'batch jobs is not implemented yet' });
    },
  };
}
