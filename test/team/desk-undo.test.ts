/**
 * Undo on a desk connected to a team database, under the caller's own login: the last call is
 * taken back on the server (undo_call) with everything it did, the record held at the desk
 * again, ready to be logged anew; refused in words when it is not the caller's to take back;
 * a call still waiting in the outbox is taken back from there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamRecords, forceRelease, logTeamCall } from '../../electron/engine/team/index.ts';
import { callOn } from './calls.ts';
import { teamDeskApp } from './desk-kit.ts';
import { person, type Person } from './people.ts';
import { startProxy, type Proxy } from './proxy.ts';
import { teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();
const PITCHED = ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'];
const RECEPTION = ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'];
let proxy: Proxy;
let dana: Person;
let omar: Person;
beforeAll(async () => {
  proxy = await startProxy(team.cluster.port);
  dana = await person(team, 'Dana', 'caller');
  omar = await person(team, 'Omar', 'caller');
});
afterAll(async () => {
  await Promise.all([dana?.db.end(), omar?.db.end()]);
  await proxy?.stop();
});

/** Dana's desk app, connected under her login through the proxy the test can cut. */
/** The desk's clock, moved by a test (the outbox's undo window is judged by it). */
let deskLate = 0;
const danaDesk = () => teamDeskApp(dana.url.replace(`:${team.cluster.port}/`, `:${proxy.port}/`), 'Dana', () => new Date(Date.now() + deskLate));

const recordRow = async (id: number) =>
  (
    await team.pool.query(
      `SELECT r.status, r.attempts, r.is_lead AS lead, r.last_result AS result, k.name AS holder,
              (SELECT count(*)::int FROM calls c WHERE c.record_id = r.id) AS calls,
              (SELECT count(*)::int FROM tasks t WHERE t.record_id = r.id AND t.done_at IS NULL) AS tasks
       FROM records r LEFT JOIN callers k ON k.id = r.leased_by WHERE r.id = $1`,
      [id],
    )
  ).rows[0];

describe('Undo on a team desk', () => {
  it('takes back the last call with what it did, holds the record again, and logs it anew', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Undo' });
    const [alpha = 0] = await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Alpha Co', phones: ['+1 212 555 0901', '+1 212 555 0902'] }]);
    const desk = await danaDesk();
    try {
      const { api, call } = desk;
      await call(api.startShift({ caller: 'Dana' }));
      expect((await call(api.nextRecord({ campaignId, caller: 'Dana' })))?.record.id).toBe(alpha);
      await call(api.dial({ recordId: alpha, e164: '+12125550901' }));
      // Remove From Database: both numbers go on the do-not-call list, the record closes.
      const removed = await call(api.logCall({ recordId: alpha, caller: 'Dana', events: RECEPTION, result: 'remove_from_database' }));
      expect(removed).toMatchObject({ status: 'closed', numbersAddedToDnc: 2, team: 'stored' });
      expect((await team.pool.query('SELECT count(*)::int AS n FROM dnc')).rows[0]).toEqual({ n: 2 });
      const [{ id } = { id: '' }] = (await team.pool.query<{ id: string }>('SELECT id FROM calls WHERE record_id = $1', [alpha])).rows;

      const back = await call(api.undoLog({ callId: removed.callId, caller: 'Dana' }));
      expect(back.record).toMatchObject({ id: alpha, status: 'open', attempts: 0 });
      expect(back.record.phones.map((p) => p.onDnc)).toEqual([false, false]);
      expect(await recordRow(alpha)).toEqual({ status: 'open', attempts: 0, lead: false, result: null, holder: 'Dana', calls: 0, tasks: 0 });
      // The list's log says the numbers came off, and why.
      const { rows: log } = await team.pool.query("SELECT e164, reason FROM dnc_log WHERE action = 'remove' ORDER BY e164");
      expect(log).toEqual([
        { e164: '+12125550901', reason: `call ${id} undone` },
        { e164: '+12125550902', reason: `call ${id} undone` },
      ]);
      expect((await call(api.sessionState({ caller: 'Dana' }))).totals.find((f) => f.column === 'dials')?.count).toBe(0);

      // Logged again without a new dial: a lead with its follow-up task.
      const followUpAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const lead = await call(api.logCall({ recordId: alpha, caller: 'Dana', events: PITCHED, result: 'email_follow_up', followUpAt }));
      expect(lead).toMatchObject({ newLead: true, status: 'closed', team: 'stored' });
      expect(await recordRow(alpha)).toMatchObject({ status: 'closed', lead: true, tasks: 1, calls: 1, holder: null });

      // The follow-up falls due; the call on it rolls the task forward, and Undo brings the task back as it was.
      await team.pool.query("UPDATE tasks SET due_at = now() - interval '1 hour' WHERE record_id = $1", [alpha]);
      const task = async () => (await team.pool.query('SELECT due_at, done_at, created_by_call AS by FROM tasks WHERE record_id = $1', [alpha])).rows;
      const due = await task();
      expect((await call(api.openRecord({ recordId: alpha, caller: 'Dana' }))).reason).toBe('follow_up_due');
      await call(api.dial({ recordId: alpha, e164: '+12125550901' }));
      const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const rolled = await call(api.logCall({ recordId: alpha, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'follow_up', followUpAt: later }));
      expect((await task())[0]?.due_at).toEqual(new Date(later));
      await call(api.undoLog({ callId: rolled.callId, caller: 'Dana' }));
      expect(await task()).toEqual(due);
      expect(await recordRow(alpha)).toEqual({ status: 'closed', attempts: 1, lead: true, result: 'email_follow_up', holder: 'Dana', calls: 1, tasks: 1 });
      // Only once: the call is gone.
      expect(await api.undoLog({ callId: rolled.callId, caller: 'Dana' })).toEqual({ ok: false, error: `There is no call ${rolled.callId} to undo.` });
    } finally {
      await desk.close();
    }
  }, 60_000);

  it('refuses what is not the caller\'s to take back, in words: another caller, too late, called or held since', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Undo refusals' });
    const [beta = 0] = await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Beta Co', phones: ['+1 212 555 0911'] }]);
    const desk = await danaDesk();
    try {
      const { api, call } = desk;
      await call(api.nextRecord({ campaignId, caller: 'Dana' }));
      await call(api.dial({ recordId: beta, e164: '+12125550911' }));
      const logged = await call(api.logCall({ recordId: beta, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact' }));
      const [{ id } = { id: '' }] = (await team.pool.query<{ id: string }>('SELECT id FROM calls WHERE record_id = $1', [beta])).rows;
      // Omar's login can neither take back Dana's call nor act as Dana to do it.
      await expect(omar.db.query('SELECT * FROM undo_call($1, $2, 60)', [id, omar.id])).rejects.toThrow(`There is no call of yours ${id} in the team database.`);
      await expect(omar.db.query('SELECT * FROM undo_call($1, $2, 60)', [id, dana.id])).rejects.toThrow(/login omar is caller \d+, and cannot act for caller/);

      // Six minutes on, by the server's clock (every call of Dana's received that much earlier).
      const shift = (by: string) => team.pool.query(`UPDATE calls SET received_at = received_at ${by} interval '6 minutes' WHERE caller_id = $1`, [dana.id]);
      await shift('-');
      expect(await api.undoLog({ callId: logged.callId, caller: 'Dana' })).toEqual({
        ok: false, error: `Call ${id} was logged more than 5 minutes ago: too late to undo. Correct the record instead.`,
      });
      await shift('+');

      // Omar's desk holds the record now.
      const { rows: [held] } = await team.pool.query<{ token: string }>('SELECT hold_record($1, $2, 60) AS token', [beta, omar.id]);
      expect(await api.undoLog({ callId: logged.callId, caller: 'Dana' })).toEqual({ ok: false, error: `Record ${beta} is being worked by another caller now.` });
      // And called it.
      await logTeamCall(team.pool, callOn({ id: beta, company: '', phones: [], leaseToken: held?.token ?? '', leaseUntil: new Date() }, omar.id, { result: 'no_contact', level: 'no_contact' }));
      await forceRelease(team.pool, beta);
      expect(await api.undoLog({ callId: logged.callId, caller: 'Dana' })).toEqual({ ok: false, error: `Record ${beta} has been called again since; call ${id} can no longer be undone.` });
      expect((await team.pool.query('SELECT count(*)::int AS n FROM calls WHERE record_id = $1', [beta])).rows[0]).toEqual({ n: 2 });
    } finally {
      await desk.close();
    }
  }, 60_000);

  it('takes a call still waiting in the outbox back from there: nothing reaches the team database', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Undo offline' });
    const [gamma = 0] = await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Gamma Co', phones: ['+1 212 555 0921'] }]);
    const desk = await danaDesk();
    try {
      const { api, call, db } = desk;
      await call(api.nextRecord({ campaignId, caller: 'Dana' }));
      await call(api.dial({ recordId: gamma, e164: '+12125550921' }));
      proxy.cut();
      await expect.poll(async () => (await call(api.teamStatus({}))).status).toBe('offline');
      const queued = await call(api.logCall({ recordId: gamma, caller: 'Dana', events: ['DIAL', 'VOICEMAIL'], result: 'no_contact', notes: 'wrong note' }));
      expect(queued).toMatchObject({ team: 'queued' });
      expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);

      // Six minutes on by the desk's clock it is too late, as on the desk's own file; the call stays queued.
      deskLate = 6 * 60_000;
      expect(await api.undoLog({ callId: queued.callId, caller: 'Dana' })).toEqual({
        ok: false,
        error: `Call ${queued.callId} was logged more than 5 minutes ago: too late to undo. Correct the record instead.`,
      });
      expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
      deskLate = 0;
      const back = await call(api.undoLog({ callId: queued.callId, caller: 'Dana' }));
      expect(back.record).toMatchObject({ id: gamma, company: 'Gamma Co' });
      expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
      // Logged again, still offline, then sent once the network is back: only the second call is stored.
      await call(api.logCall({ recordId: gamma, caller: 'Dana', events: ['DIAL', 'VOICEMAIL'], result: 'no_contact', notes: 'right note' }));
      proxy.mend();
      await expect.poll(async () => (await team.pool.query('SELECT notes FROM calls WHERE record_id = $1', [gamma])).rows, { timeout: 15_000 }).toEqual([{ notes: 'right note' }]);
    } finally {
      deskLate = 0;
      proxy.mend();
      await desk.close();
    }
  }, 60_000);
});
