/**
 * What is announced on the team database (NOTIFY outcall: electron/engine/team/notify.ts) and
 * the app pushes on to its window: small JSON objects naming ids only. Checked on arrival: anything else is ignored.
 */
import { z } from 'zod';

const id = z.number().int().positive();
export const teamEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), caller: id, record: id }),
  z.object({ kind: z.literal('dnc'), e164: z.string().max(20), action: z.enum(['add', 'remove']) }),
  /** The record's holder changed: `caller` took it (null: let go) from `before` (null: nobody). */
  z.object({ kind: z.literal('lease'), record: id, caller: id.nullable(), before: id.nullable() }),
  z.object({ kind: z.literal('shift'), caller: id, open: z.boolean() }),
]);
export type TeamEvent = z.infer<typeof teamEventSchema>;

/** What the window hears: a team event, or that the desk's connection status changed. */
export type TeamChange = TeamEvent | { kind: 'status' };

/** The event in a notification's payload, or null when it is none of ours. */
export function parseTeamEvent(payload: string | undefined): TeamEvent | null {
  if (!payload || payload.length > 8000) return null;
  try {
    const parsed = teamEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
