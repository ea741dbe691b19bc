/**
 * Services whose capabilities are not built yet. Each method answers UNIMPLEMENTED saying which
 * capability is missing — never made-up data — and health reports the service NOT_SERVING. A
 * service moves out of this file when its operations are built.
 */
import type { LatentServiceHandlers } from '../generated/biomatch/v1/LatentService.js';
import { unbuilt, type ServiceBindings } from '../binder.js';

export function latentBindings(): ServiceBindings<LatentServiceHandlers> {
  return {
    Search: unbuilt('latent mark search'),
    AddToUnsolvedFile: unbuilt('the unsolved latent file'),
    SearchUnsolvedFile: unbuilt('reverse search of the unsolved latent file'),
    ListUnsolved: unbuilt('the unsolved latent file'),
    GetLatent: unbuilt('the unsolved latent file'),
    RemoveFromUnsolvedFile: unbuilt('the unsolved latent file'),
  };
}
