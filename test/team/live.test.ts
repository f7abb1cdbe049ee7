/**
 * A desk's connection: offline mid-call (issue 12, test 5) through a loopback proxy the test
 * cuts, and the team's notifications reaching another desk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTeamCaller,
  addTeamDnc,
  addTeamRecords,
  beginDial,
  MAX_REFUSALS,
  OFFLINE_MESSAGE,
  Outbox,
  renewLease,
  DeskConnection,
  type TeamEvent,
  type TeamStatus,
} from '../../electron/engine/team/index.ts';
import { tempDb } from '../engine/helpers.ts';
import { callOn, eventually } from './calls.ts';
import { startProxy, type Proxy } from './proxy.ts';
import { teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();
let proxy: Proxy;
beforeAll(async () => {
  proxy = await startProxy(team.cluster.port);
});
afterAll(() => proxy.stop());

const viaProxy = () => team.cluster.url.replace(`:${team.cluster.port}/`, `:${proxy.port}/`);
const quick = { backoff: { firstMs: 50, maxMs: 400 }, heartbeatMs: 200, timeoutMs: 3_000 };

/** Waits (bounded: 10 s) until the connection says `status`. */
async function until(connection: DeskConnection, status: TeamStatus): Promise<void> {
  const reached = await eventually(async () => (connection.status === status ? true : null));
  expect(reached, `the desk to be ${status}`).toBe(true);
}

describe('offline mid-call', () => {
  it('keeps the call logged during the cut, stores it exactly once after reconnecting, and leases nothing while offline', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Cut Co', phones: ['+1 212 555 0101'] },
      { company: 'After Co', phones: ['+1 212 555 0102'] },
    ]);
    const callerId = await addTeamCaller(team.pool, 'Offline desk');
    const local = tempDb().db;
    const outbox = new Outbox(local);
    const desk = await DeskConnection.open({ url: viaProxy(), outbox, ...quick });
    const statuses: TeamStatus[] = [];
    desk.on('status', (s) => statuses.push(s));
    try {
      expect(desk.status).toBe('connected');
      const held = await desk.leaseNext({ campaignId, callerId, leaseSeconds: 600 });
      if (!held) throw new Error('no record to call');
      expect(held.company).toBe('Cut Co');
      expect(await desk.query((db) => beginDial(db, held, callerId, held.phones[0] ?? '', 'US'))).toMatchObject({ ok: true });

      // The network goes while the caller talks.
      proxy.cut();
      await until(desk, 'offline');
      await expect(desk.leaseNext({ campaignId, callerId, leaseSeconds: 600 })).rejects.toThrow(OFFLINE_MESSAGE);

      // The caller finishes and logs the call in hand: it is kept on the desk.
      const call = callOn(held, callerId, { result: 'not_interested', closes: true, notes: 'said no during the cut' });
      expect(await desk.logCall(call)).toBe('queued');
      expect(outbox.waiting()).toBe(1);
      expect((await team.pool.query('SELECT 1 FROM calls WHERE id = $1', [call.id])).rowCount).toBe(0);

      // Nothing was leased meanwhile: the other record is still free.
      const free = await team.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE campaign_id = $1 AND lease_token IS NULL', [campaignId]);
      expect(free.rows[0]?.n).toBe(1);

      proxy.mend();
      await until(desk, 'connected');
      expect(await eventually(async () => (outbox.waiting() === 0 ? true : null))).toBe(true);
      expect(statuses).toEqual(['offline', 'connected']);

      const stored = await team.pool.query<{ notes: string }>('SELECT notes FROM calls WHERE id = $1', [call.id]);
      expect(stored.rows).toEqual([{ notes: 'said no during the cut' }]);
      const record = await team.pool.query('SELECT status, attempts, leased_by FROM records WHERE id = $1', [held.id]);
      expect(record.rows[0]).toEqual({ status: 'closed', attempts: 1, leased_by: null });

      // An answer lost on the way back: the desk sends the same call again; it is not stored twice.
      local.prepare('UPDATE outbox SET sent_at = NULL, answer = NULL WHERE id = ?').run(call.id);
      expect(outbox.waiting()).toBe(1);
      await desk.flush();
      expect(outbox.waiting()).toBe(0);
      const again = await team.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM calls WHERE record_id = $1', [held.id]);
      expect(again.rows[0]?.n).toBe(1);

      // Back online, the next record comes.
      expect((await desk.leaseNext({ campaignId, callerId, leaseSeconds: 600 }))?.company).toBe('After Co');
    } finally {
      proxy.mend();
      await desk.close();
    }
    expect(desk.status).toBe('not_connected');
  }, 30_000);

  it('notices a link that goes silent (no reset, no answer) while the desk is idle', async () => {
    const desk = await DeskConnection.open({ url: viaProxy(), ...quick, timeoutMs: 1_000 });
    try {
      proxy.freeze();
      await until(desk, 'offline');
      expect(desk.lastError).toMatch(/timeout/i);
      // The dead link's connections go; new ones come through once it is back.
      proxy.cut();
      proxy.mend();
      await until(desk, 'connected');
    } finally {
      proxy.mend();
      await desk.close();
    }
  });

  it('back online after a link went silent, works over new connections, not the dead ones it kept', async () => {
    const desk = await DeskConnection.open({ url: viaProxy(), ...quick, timeoutMs: 1_000 });
    try {
      // A connection the desk keeps for its work, beside the one that listens.
      await desk.query((db) => db.query('SELECT 1'));
      proxy.strand();
      await until(desk, 'offline');
      await until(desk, 'connected');
      // The next record is asked over a new connection: answered, not a dead one's timeout.
      const { rows } = await desk.query((db) => db.query<{ one: number }>('SELECT 1 AS one'));
      expect(rows).toEqual([{ one: 1 }]);
      expect(desk.status).toBe('connected');
    } finally {
      proxy.mend();
      await desk.close();
    }
  });

  it('refuses a desk that cannot reach the database, naming where, never the password', async () => {
    proxy.cut();
    try {
      const url = viaProxy().replace('postgres@', 'postgres:s3cret@');
      await expect(DeskConnection.open({ url, ...quick })).rejects.toThrow(`Cannot connect to the team database 127.0.0.1:${proxy.port}/outcall`);
      await expect(DeskConnection.open({ url, ...quick })).rejects.not.toThrow('s3cret');
    } finally {
      proxy.mend();
    }
  });
});

describe('the outbox', () => {
  it('sends in order; a call the server refuses is counted and does not hold up the next; after five refusals it waits for a person', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'First Co', phones: ['+1 212 555 0301'] },
      { company: 'Second Co', phones: ['+1 212 555 0302'] },
    ]);
    const callerId = await addTeamCaller(team.pool, 'Outbox desk');
    const outbox = new Outbox(tempDb().db);
    const desk = await DeskConnection.open({ url: team.cluster.url, outbox, ...quick });
    try {
      const first = await desk.leaseNext({ campaignId, callerId, leaseSeconds: 600 });
      if (!first) throw new Error('no record to call');
      // A call for a record the team database does not have: refused every time.
      const orphan = callOn({ ...first, id: 999_999_999 }, callerId);
      expect(await desk.logCall(orphan)).toBe('queued');
      expect(await desk.logCall(callOn(first, callerId))).toBe('stored');
      expect(outbox.waiting()).toBe(1);
      for (let i = 0; i < MAX_REFUSALS; i++) await desk.flush();
      expect(outbox.waiting()).toBe(0);
      expect(outbox.stuck()).toEqual([{ id: orphan.id, lastError: 'record 999999999 does not exist' }]);
    } finally {
      await desk.close();
    }
  });
});

describe('a desk whose own file fails', () => {
  it('keeps its connection: the drain says why and the next one tries again', async () => {
    const local = tempDb().db;
    const desk = await DeskConnection.open({ url: team.cluster.url, outbox: new Outbox(local), ...quick });
    try {
      local.close();
      await expect(desk.flush()).resolves.toBeUndefined();
      expect(desk.lastError).toBe('The database connection is not open');
      expect(desk.status).toBe('connected');
      expect(await desk.query(async (db) => (await db.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n)).toBe(1);
    } finally {
      await desk.close();
    }
  });
});

describe('live updates', () => {
  it("reach a second desk: another desk's lease, its logged call, do-not-call changes, shifts", async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Heard Co', phones: ['+1 212 555 0201'] }]);
    const callerId = await addTeamCaller(team.pool, 'Speaking desk');
    const speaker = await DeskConnection.open({ url: team.cluster.url, outbox: new Outbox(tempDb().db), ...quick });
    const hearer = await DeskConnection.open({ url: team.cluster.url, ...quick });
    const heard: TeamEvent[] = [];
    hearer.on('event', (e) => heard.push(e));
    const hears = (want: Partial<TeamEvent>) =>
      eventually(async () => heard.find((e) => Object.entries(want).every(([k, v]) => (e as Record<string, unknown>)[k] === v)) ?? null);
    try {
      const held = await speaker.leaseNext({ campaignId, callerId, leaseSeconds: 600 });
      if (!held) throw new Error('no record to call');
      expect(await hears({ kind: 'lease', record: held.id, caller: callerId })).toEqual({ kind: 'lease', record: held.id, caller: callerId, before: null });

      expect(await speaker.query((db) => renewLease(db, held, callerId, 900))).not.toBeNull();
      expect(await speaker.logCall(callOn(held, callerId))).toBe('stored');
      expect(await hears({ kind: 'call', record: held.id })).toEqual({ kind: 'call', caller: callerId, record: held.id });
      // Logging let the record go.
      expect(await hears({ kind: 'lease', record: held.id, caller: null })).toMatchObject({ before: callerId });

      await addTeamDnc(team.pool, '(212) 555-0299', 'US', 'asked on the phone', callerId);
      expect(await hears({ kind: 'dnc', action: 'add' })).toEqual({ kind: 'dnc', e164: '+12125550299', action: 'add' });
      await team.pool.query("SELECT remove_dnc('+12125550299', 'listed by mistake', $1)", [callerId]);
      expect(await hears({ kind: 'dnc', action: 'remove' })).toEqual({ kind: 'dnc', e164: '+12125550299', action: 'remove' });

      const { rows } = await team.pool.query<{ id: string }>('INSERT INTO shifts (caller_id, started_at) VALUES ($1, now()) RETURNING id', [callerId]);
      expect(await hears({ kind: 'shift', open: true })).toEqual({ kind: 'shift', caller: callerId, open: true });
      await team.pool.query('UPDATE shifts SET ended_at = now() WHERE id = $1', [rows[0]?.id]);
      expect(await hears({ kind: 'shift', open: false })).toEqual({ kind: 'shift', caller: callerId, open: false });
      // A renewal keeps the same holder: nothing to tell.
      expect(heard.filter((e) => e.kind === 'lease')).toHaveLength(2);
    } finally {
      await Promise.all([speaker.close(), hearer.close()]);
    }
  }, 30_000);
});
