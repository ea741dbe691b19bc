/**
 * What a gallery needs of a template before it can be searched: its prepared matcher form, laid
 * out for the shared arena, and its finger vector for the candidate index. Making them costs
 * about 3 ms a template, so the service makes them on its worker pool (a batch a task) and the
 * gallery only copies the bytes in; tests and tools make them in the calling thread.
 */
import { prepareCandidate } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import { fingerVector } from './finger-vector.js';
import { packForm, type PackedForm } from './prepared-arena.js';

export interface EnrolmentForms {
  form: PackedForm;
  vector: Float32Array;
}

export function enrolmentForms(templates: readonly FingerprintTemplate[]): EnrolmentForms[] {
  return templates.map((t) => ({ form: packForm(prepareCandidate(t)), vector: Float32Array.from(fingerVector(t)) }));
}

/** Makes enrolment forms: on worker threads in the service, in the calling thread in tests. */
export interface FormMaker {
  make(templates: FingerprintTemplate[]): Promise<EnrolmentForms[]>;
}

export const inThreadFormMaker: FormMaker = { make: async (templates) => enrolmentForms(templates) };
