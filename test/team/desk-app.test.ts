/**
 * The app's handlers on a desk whose Settings connect a team database: the caller's workspace
 * (campaigns, shift, next record, dial, log, totals) works on PostgreSQL, not on the desk's
 * SQLite file; offline, the call in hand is kept in the outbox and no new record is taken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, DeskConnection, leaseNext, OFFLINE_MESSAGE, Outbox } from '../../electron/engine/team/index.ts';
import { deskCallPayload, sendDeskCall, type DeskCall } from '../../electron/engine/team/desk-call.ts';
import { TeamDesk } from '../../electron/engine/team/workspace.ts';
import { appOver } from '../engine/harness.ts';
import { ok } from './desk-kit.ts';
import { tempDb } from '../engine/helpers.ts';
import { startProxy, type Proxy } from './proxy.ts';
import { teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();
let proxy: Proxy;
beforeAll(async () => {
  proxy = await startProxy(team.cluster.port);
});
afterAll(() => proxy.stop());

describe('the desk app on a team database', () => {
  it('takes, dials and logs team records on PostgreSQL; offline it keeps the call in hand and takes no new record', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Desk routing' });
    const [alpha, beta, gamma] = await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Alpha Co', phones: ['+1 212 555 0601'] },
      { company: 'Beta Co', phones: ['+1 212 555 0602'] },
      { company: 'Gamma Co', phones: ['+1 212 555 0603'] },
    ]);
    await addTeamCaller(team.pool, 'Dana');
    const other = await addTeamCaller(team.pool, 'Omar');
    const { db } = tempDb();
    const app = appOver(db, { settings: { callerName: 'Dana' } });
    const { api } = app;
    const call = ok;
    try {
      // Through a loopback proxy the test can cut, as a network would.
      const url = team.cluster.url.replace(`:${team.cluster.port}/`, `:${proxy.port}/`);
      expect((await call(api.connectTeam({ url, remember: false }))).status).toBe('connected');

      // The team's campaigns, not the desk file's (which has none).
      expect((await call(api.listCampaigns({}))).map((c) => c.name)).toContain('Desk routing');
      await call(api.startShift({ caller: 'Dana' }));
      const first = await call(api.nextRecord({ campaignId, caller: 'Dana' }));
      expect(first).toMatchObject({ record: { id: alpha, company: 'Alpha Co' }, reason: 'fresh' });
      // Another desk cannot lease the record this desk holds.
      const elsewhere = await leaseNext(team.pool, { campaignId, callerId: other, leaseSeconds: 60 });
      expect(elsewhere?.id).toBe(beta);

      // A dial is asked of begin_dial first; a number on the team's do-not-call list is refused in words.
      await call(api.dial({ recordId: alpha ?? 0, e164: '+12125550601' }));
      expect(app.opened).toEqual(['tel:+12125550601']);
      const logged = await call(
        api.logCall({ recordId: alpha ?? 0, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', notes: 'rang out' }),
      );
      expect(logged).toMatchObject({ recordId: alpha, status: 'open', team: 'stored' });
      const { rows } = await team.pool.query('SELECT result, notes, late, scheme_id, shift_id IS NOT NULL AS in_shift FROM calls WHERE record_id = $1', [alpha]);
      expect(rows).toEqual([{ result: 'no_contact', notes: 'rang out', late: false, scheme_id: 'b2b-appointment-setting', in_shift: true }]);
      expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM shifts').pluck().get()).toBe(0);
      expect((await call(api.sessionState({ caller: 'Dana' }))).totals.find((f) => f.column === 'dials')?.count).toBe(1);

      // Gamma next (Beta is Omar's); the lease lets this desk dial it, then the network goes.
      const second = await call(api.nextRecord({ campaignId, caller: 'Dana' }));
      expect(second?.record.id).toBe(gamma);
      await call(api.dial({ recordId: gamma ?? 0, e164: '+12125550603' }));
      proxy.cut();
      await expect.poll(async () => (await call(api.teamStatus({}))).status).toBe('offline');
      const queued = await call(api.logCall({ recordId: gamma ?? 0, caller: 'Dana', events: ['DIAL', 'VOICEMAIL'], result: 'no_contact' }));
      expect(queued).toMatchObject({ recordId: gamma, team: 'queued' });
      expect(db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(1);
      expect(await api.nextRecord({ campaignId, caller: 'Dana' })).toEqual({ ok: false, error: OFFLINE_MESSAGE });

      // Back, the desk sends what waited: the call is stored once.
      proxy.mend();
      await expect.poll(async () => (await team.pool.query('SELECT count(*)::int AS n FROM calls WHERE record_id = $1', [gamma])).rows[0]?.n, { timeout: 15_000 }).toBe(1);
      expect(db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);
    } finally {
      await app.close();
      db.close();
    }
  }, 60_000);

  it('renews the lease of the record on screen while it is held, holds a follow-up opened from the list, and lets go on Release, at the shift\'s end and when the desk closes', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Desk leases' });
    const [first, second] = await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'First Co', phones: ['+1 212 555 0611'] },
      { company: 'Second Co', phones: ['+1 212 555 0612'] },
    ]);
    const lee = await addTeamCaller(team.pool, 'Lee');
    const other = await addTeamCaller(team.pool, 'Kim');
    const { db } = tempDb();
    const connection = await DeskConnection.open<DeskCall>({ url: team.cluster.url, outbox: new Outbox<DeskCall>(db, deskCallPayload), send: sendDeskCall });
    // A two-second lease, renewed five times a second while the record is on screen.
    const desk = new TeamDesk(connection, { leaseSeconds: 2, renewEveryMs: 200 });
    const lease = async (id: number | undefined) =>
      (await team.pool.query<{ by: string | null; until: Date | null; lapsed: boolean }>('SELECT leased_by AS by, lease_until AS until, lease_until <= now() AS lapsed FROM records WHERE id = $1', [id])).rows[0];
    try {
      await desk.startShift('Lee');
      expect((await desk.nextRecord(campaignId, 'Lee'))?.record.id).toBe(first);
      const taken = (await lease(first))?.until ?? new Date(0);
      // Past the first lease's end on the server's clock, the record is still this desk's.
      await expect.poll(async () => (await team.pool.query<{ past: boolean }>('SELECT now() > $1::timestamptz + interval \'1 second\' AS past', [taken])).rows[0]?.past, { timeout: 10_000 }).toBe(true);
      expect(await lease(first)).toMatchObject({ lapsed: false });
      expect((await leaseNext(team.pool, { campaignId, callerId: other, leaseSeconds: 1 }))?.id).toBe(second);

      expect(await desk.release(first ?? 0, 'Lee')).toEqual({ released: true });
      expect(await lease(first)).toMatchObject({ by: null });
      expect(desk.holding).toBeNull();

      expect((await desk.nextRecord(campaignId, 'Lee'))?.record.id).toBe(first);
      // A supervisor takes the record back: the dial is refused in the caller's words.
      await team.pool.query('SELECT force_release($1)', [first]);
      expect(await desk.dialCheck(first ?? 0, '+12125550611')).toEqual({ ok: false, reason: `Record ${first} is held by another desk now: take the next record.` });
      expect((await desk.nextRecord(campaignId, 'Lee'))?.record.id).toBe(first);
      await desk.endShift('Lee');
      expect(await lease(first)).toMatchObject({ by: null });
      expect(desk.holding).toBeNull();

      await desk.startShift('Lee');
      expect((await desk.nextRecord(campaignId, 'Lee'))?.record.id).toBe(first);
      // The number went on the team's do-not-call list since the record came up: begin_dial says no.
      await team.pool.query("SELECT add_dnc('+12125550611', 'asked on another call', NULL)");
      expect(await desk.dialCheck(first ?? 0, '+12125550611')).toEqual({ ok: false, reason: '+12125550611 is on the do-not-call list: it is never dialled.' });
      // A follow-up opened from the list (once Kim's hold on it ran out) is held for this desk instead; the record before goes back.
      await expect.poll(async () => (await lease(second))?.lapsed, { timeout: 10_000 }).toBe(true);
      expect((await desk.openRecord(second ?? 0, 'Lee')).record.company).toBe('Second Co');
      expect(await lease(first)).toMatchObject({ by: null });
      expect(await lease(second)).toMatchObject({ by: String(lee), lapsed: false });
      await desk.close();
      expect(await lease(second)).toMatchObject({ by: null });
    } finally {
      await connection.close();
      db.close();
    }
  }, 60_000);
});
