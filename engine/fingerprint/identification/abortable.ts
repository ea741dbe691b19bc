/**
 * A search's promise tied to its call's AbortSignal: it settles with the work, or rejects at once
 * with the signal's reason when the call ends. Shared by the tenprint and latent galleries.
 */
import { EngineError, ErrorCode } from '../../errors.js';

/** The signal's reason when it is an EngineError (deadline, cancel), else CANCELLED. */
export function stopReason(signal?: AbortSignal): EngineError {
  const r: unknown = signal?.reason;
  return r instanceof EngineError ? r : new EngineError(ErrorCode.Cancelled, 'the search was cancelled');
}

/** Settles with `work`, or rejects at once when the signal aborts (running `onAbort` first). */
export function abortable<T>(work: Promise<T>, signal?: AbortSignal, onAbort?: () => void): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) { onAbort?.(); work.catch(() => undefined); return Promise.reject(stopReason(signal)); }
  return new Promise<T>((resolve, reject) => {
    const abort = () => { onAbort?.(); reject(stopReason(signal)); };
    signal.addEventListener('abort', abort, { once: true });
    work.then((v) => { signal.removeEventListener('abort', abort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', abort); reject(e); });
  });
}
