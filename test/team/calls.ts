/** A finished call as a desk would log it, for the team tests. */
import { newCallId, type TeamCall, type TeamLease } from '../../electron/engine/team/index.ts';

export function callOn(lease: TeamLease, callerId: number, c: Partial<TeamCall> = {}): TeamCall {
  const endedAt = new Date();
  return {
    id: newCallId(),
    recordId: lease.id,
    callerId,
    leaseToken: lease.leaseToken,
    startedAt: new Date(endedAt.getTime() - 60_000),
    endedAt,
    events: ['DIAL', 'NO_ANSWER'],
    result: 'no_answer',
    level: 'none',
    pitched: false,
    closes: false,
    nextCallAt: null,
    phone: lease.phones[0] ?? null,
    notes: '',
    doNotCall: [],
    doNotCallReason: '',
    ...c,
  };
}

/** Polls `f` every 100 ms until it gives something, at most `tries` times. */
export async function eventually<T>(f: () => Promise<T | null>, tries = 100): Promise<T | null> {
  for (let i = 0; i < tries; i++) {
    const got = await f();
    if (got !== null) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
