/**
 * The server restarts (`pg_ctl restart -m fast`) while desks work: each desk's connection is
 * cut, it reconnects and sends again what got no answer. Nothing is lost or stored twice. The
 * second test goes through what the app uses: each desk's connection and its outbox.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  addTeamCaller,
  addTeamRecords,
  beginDial,
  leaseNext,
  logTeamCall,
  OFFLINE_MESSAGE,
  Outbox,
  DeskConnection,
  type TeamLease,
} from '../../electron/engine/team/index.ts';
import { tempDb } from '../engine/helpers.ts';
import { callOn, eventually } from './calls.ts';
import { teamCampaign, teamSuite } from './team.ts';

const DESKS = 10;
const TURNS = 60;

const team = teamSuite();

/**
 * Runs `f` until the server answers: at most 300 tries, 100 ms apart (a restart takes about a
 * second); only errors `retry` accepts are tried again.
 */
async function untilAnswered<T>(f: () => Promise<T>, cut: { count: number }, retry: (e: unknown) => boolean = () => true): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await f();
    } catch (e) {
      if (i >= 300 || !retry(e)) throw e;
      cut.count += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('a server restart while desks work', () => {
  it('desks reconnect; every call is stored once and no record goes to two desks', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(
      team.pool,
      campaignId,
      'list',
      Array.from({ length: DESKS * TURNS }, (_, i) => ({ company: `Restart ${i}`, phones: [`+1 212 555 ${String(1000 + i)}`] })),
    );
    const callers = await Promise.all(Array.from({ length: DESKS }, (_, i) => addTeamCaller(team.pool, `Restart desk ${i + 1}`)));
    const cut = { count: 0 };
    const acknowledged: string[] = [];
    const holders = new Map<number, Set<number>>();
    let restarted = false;
    let turnsDone = 0;

    const desk = async (i: number) => {
      const callerId = callers[i] ?? 0;
      // A pool of one: a connection the restart cut is replaced on the next query.
      const db = new pg.Pool({ connectionString: team.cluster.url, max: 1 });
      db.on('error', () => undefined);
      try {
        for (let turn = 0; turn < TURNS; turn++) {
          const held = await untilAnswered<TeamLease | null>(() => leaseNext(db, { campaignId, callerId, leaseSeconds: 60 }), cut);
          if (!held) break;
          holders.set(held.id, (holders.get(held.id) ?? new Set()).add(i));
          const dial = await untilAnswered(() => beginDial(db, held, callerId, held.phones[0] ?? '', 'US'), cut);
          if (!dial.ok) throw new Error(dial.message);
          const call = callOn(held, callerId, { result: 'test_close', closes: true });
          // Sent until answered: 'duplicate' means an earlier send was stored and its answer lost.
          const answer = await untilAnswered(() => logTeamCall(db, call), cut);
          if (answer === 'late') throw new Error(`call ${call.id} was stored as late`);
          acknowledged.push(call.id);
          turnsDone += 1;
        }
      } finally {
        await db.end();
      }
    };

    const restart = async () => {
      // Restart once the desks are under way (bounded wait).
      for (let i = 0; i < 300 && turnsDone < DESKS * 2; i++) await new Promise((r) => setTimeout(r, 20));
      await team.cluster.restart();
      restarted = true;
    };
    await Promise.all([restart(), ...Array.from({ length: DESKS }, (_, i) => desk(i))]);

    expect(restarted).toBe(true);
    expect(cut.count).toBeGreaterThan(0);
    expect([...holders.values()].filter((s) => s.size > 1)).toEqual([]);
    const check = new pg.Client({ connectionString: team.cluster.url });
    await check.connect();
    try {
      const stored = await check.query<{ id: string }>(
        'SELECT id FROM calls WHERE record_id IN (SELECT id FROM records WHERE campaign_id = $1)',
        [campaignId],
      );
      expect(stored.rows.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
      const open = await check.query<{ n: number }>("SELECT count(*)::int AS n FROM records WHERE campaign_id = $1 AND status = 'open'", [campaignId]);
      expect(open.rows[0]?.n).toBe(DESKS * TURNS - acknowledged.length);
    } finally {
      await check.end();
    }
  }, 60_000);
});

describe('a server restart while desks log through their outboxes', () => {
  it('desks go offline and come back by themselves; every call logged is stored once, and each record has one call', async () => {
    const campaignId = await teamCampaign(team.pool);
    const turns = 30;
    await addTeamRecords(
      team.pool,
      campaignId,
      'list',
      Array.from({ length: DESKS * turns }, (_, i) => ({ company: `Outbox ${i}`, phones: [`+1 212 555 ${String(3000 + i)}`] })),
    );
    const callers = await Promise.all(Array.from({ length: DESKS }, (_, i) => addTeamCaller(team.pool, `Outbox desk ${i + 1}`)));
    const logged: string[] = [];
    const offline = { count: 0 };
    let restarted = false;

    /** Runs `f` until the desk is online to answer it: any other error fails the test. */
    const online = <T>(f: () => Promise<T>): Promise<T> => untilAnswered(f, offline, (e) => e instanceof Error && e.message === OFFLINE_MESSAGE);

    const desk = async (i: number) => {
      const callerId = callers[i] ?? 0;
      const outbox = new Outbox(tempDb().db);
      const connection = await DeskConnection.open({ url: team.cluster.url, outbox, backoff: { firstMs: 50, maxMs: 500 }, heartbeatMs: 200 });
      try {
        for (let turn = 0; turn < turns; turn++) {
          const held = await online(() => connection.leaseNext({ campaignId, callerId, leaseSeconds: 600 }));
          if (!held) break;
          const dial = await online(() => connection.query((db) => beginDial(db, held, callerId, held.phones[0] ?? '', 'US')));
          if (!dial.ok) throw new Error(dial.message);
          const call = callOn(held, callerId, { result: 'test_close', closes: true });
          // Never refused: kept in the outbox when the server is away.
          await connection.logCall(call);
          logged.push(call.id);
        }
        const emptied = await eventually(async () => {
          await connection.flush();
          return outbox.waiting() === 0 ? true : null;
        }, 300);
        expect(emptied, `desk ${i + 1}'s outbox to empty`).toBe(true);
      } finally {
        await connection.close();
      }
    };

    const restart = async () => {
      for (let i = 0; i < 300 && logged.length < DESKS * 2; i++) await new Promise((r) => setTimeout(r, 20));
      await team.cluster.restart();
      restarted = true;
    };
    await Promise.all([restart(), ...Array.from({ length: DESKS }, (_, i) => desk(i))]);

    expect(restarted).toBe(true);
    expect(offline.count).toBeGreaterThan(0);
    const stored = await team.pool.query<{ id: string; record_id: string }>(
      'SELECT id, record_id FROM calls WHERE record_id IN (SELECT id FROM records WHERE campaign_id = $1)',
      [campaignId],
    );
    expect(stored.rows.map((r) => r.id).sort()).toEqual([...logged].sort());
    expect(new Set(stored.rows.map((r) => r.record_id)).size).toBe(stored.rows.length);
  }, 60_000);
});
