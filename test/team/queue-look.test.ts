/**
 * Looking at another caller's queue (queue --caller NAME, hosted_queue, queue_peek) under a
 * caller's own login: the records that caller holds and the meetings they host are read past
 * row-level security, so another caller's login is shown none of them (a hold is counted as
 * theirs); the caller themselves, a supervisor and a manager see them.
 */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, createTeamCampaign } from '../../electron/engine/team/index.ts';
import { us } from '../engine/helpers.ts';
import { person } from './people.ts';
import { ALL_DAY, teamSuite } from './team.ts';

const team = teamSuite();

describe("another caller's queue under a caller's login", () => {
  it("names neither the records they hold nor the meetings they host; their own login and a supervisor's do", async () => {
    const campaign = await createTeamCampaign(team.pool, { name: 'Looks', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
    const [held, booked] = await addTeamRecords(team.pool, campaign, 'looks.csv', [
      { company: 'Held Lead', phones: [us(71)] },
      { company: 'Booked Lead', phones: [us(72)] },
      { company: 'Free Lead', phones: [us(73)] },
    ]);
    const [cleo, max, sue] = [await person(team, 'Cleo', 'caller'), await person(team, 'Max', 'caller'), await person(team, 'Sue', 'supervisor')];
    const setter = await addTeamCaller(team.pool, 'Sam');
    expect((await cleo.db.query<{ record_id: string }>('SELECT record_id FROM lease_next($1, $2, 600, now())', [campaign, cleo.id])).rows).toEqual([
      { record_id: String(held) },
    ]);
    // Sam's Approved closed Booked Lead and booked Cleo's strategy call in ten minutes.
    await team.pool.query(
      `WITH c AS (INSERT INTO calls (id, record_id, caller_id, lease_token, late, started_at, ended_at, events, result, level, pitched, closes, outcomes)
                  VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), false, now() - interval '2 minutes', now() - interval '1 minute',
                          ARRAY['DIAL','CONNECTED','HUNG_UP'], 'approved', 'held', false, false, ARRAY['approved']) RETURNING id)
       INSERT INTO appointments (record_id, call_id, at, kind, host) SELECT $1, c.id, now() + interval '10 minutes', '', 'Cleo' FROM c`,
      [booked, setter],
    );
    await team.pool.query("UPDATE records SET status = 'closed', attempts = 1 WHERE id = $1", [booked]);

    const hosted = async (who: typeof cleo) =>
      (await who.db.query<{ company: string }>('SELECT company FROM hosted_queue($1, $2, now())', [campaign, cleo.id])).rows.map((r) => r.company);
    const peek = async (who: typeof cleo) =>
      (await who.db.query<{ company: string }>('SELECT company FROM queue_peek($1, $2, now(), 10)', [campaign, cleo.id])).rows.map((r) => r.company);
    expect(await hosted(cleo)).toEqual(['Booked Lead']);
    expect(await hosted(sue)).toEqual(['Booked Lead']);
    expect(await hosted(max)).toEqual([]);
    expect(await peek(cleo)).toEqual(['Held Lead', 'Free Lead']);
    expect(await peek(sue)).toEqual(['Held Lead', 'Free Lead']);
    expect(await peek(max)).toEqual(['Free Lead']);
    // Why Cleo's queue is short, asked by Max: her hold is named as held by her; asked by Cleo, it is her own.
    const heldBy = async (who: typeof cleo) =>
      (await who.db.query<{ f: { zones: { held: { name: string; n: number }[] }[] } }>('SELECT queue_facts($1, $2, now()) AS f', [campaign, cleo.id])).rows[0]?.f.zones.flatMap(
        (z) => z.held,
      );
    expect(await heldBy(max)).toEqual([{ name: 'Cleo', n: 1 }]);
    expect(await heldBy(cleo)).toEqual([]);
    // Max's own login cannot read either record itself, so the look told him nothing he could not see.
    expect((await max.db.query('SELECT id FROM records WHERE id = ANY ($1)', [[held, booked]])).rows).toEqual([]);
    for (const p of [cleo, max, sue]) await p.db.end();
  }, 60_000);
});
