/** A problem a person can act on: bad input, a refused result, a missing campaign. */
export class UserError extends Error {
  readonly details: readonly { field?: string; message: string }[];
  constructor(message: string, details: readonly { field?: string; message: string }[] = []) {
    super(message);
    this.name = 'UserError';
    this.details = details;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
