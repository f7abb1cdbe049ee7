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

/** A refusal the team database raised in a person's words (RAISE ... USING ERRCODE 'P0001') as a UserError; anything else as it was. */
export function inWords(e: unknown): unknown {
  return (e as { code?: string } | null)?.code === 'P0001' ? new UserError((e as Error).message) : e;
}
