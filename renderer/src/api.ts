import type { OutcallApi } from '../../shared/ipc/client.ts';
import type { Result } from '../../shared/ipc/contract.ts';

declare global {
  interface Window {
    outcall: OutcallApi;
  }
}

export const api = (): OutcallApi => window.outcall;

/** A refused call, carrying the message main gave (it names the field or rule). */
export class ApiError extends Error {
  readonly fields: Record<string, string>;
  constructor(message: string, fields: Record<string, string> = {}) {
    super(message);
    this.fields = fields;
  }
}

export async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new ApiError(r.error, r.fields);
  return r.value;
}
