/**
 * Many desks working one campaign at once. The real lease (lease_next: FOR UPDATE SKIP LOCKED)
 * must never hand a record to two desks; the same desks on a naive "select, then update"
 * lease do, which shows the test can see it.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, beginDial, leaseNext, logTeamCall, type TeamLease } from '../../electron/engine/team/index.ts';
import { callOn } from './calls.ts';
import { teamCampaign, teamSuite } from './team.ts';

const DESKS = 50;
const RECORDS = 3000;
const SECONDS = 3;

const team = teamSuite({ maxConnections: DESKS * 2 + 20 });

type Lease = (desk: pg.Client, campaignId: number, callerId: number) => Promise<TeamLease | null>;

const realLease: Lease = (desk, campaignId, callerId) => leaseNext(desk, { campaignId, callerId, leaseSeconds: 60 });

/** What the prototype measured 6,991 overlaps with: read a free record, then mark it taken. */
const naiveLease: Lease = async (desk, campaignId, callerId) => {
  const { rows } = await desk.query<{ id: string; company: string }>(
    "SELECT id, company FROM records WHERE campaign_id = $1 AND status = 'open' AND lease_token IS NULL ORDER BY id LIMIT 1",
    [campaignId],
  );
  const row = rows[0];
  if (!row) return null;
  const token = randomUUID();
  const { rows: set } = await desk.query<{ lease_until: Date }>(
    "UPDATE records SET lease_token = $2, leased_by = $3, lease_until = now() + interval '60 seconds' WHERE id = $1 RETURNING lease_until",
    [row.id, token, callerId],
  );
  const phones = await desk.query<{ e164: string }>('SELECT e164 FROM phones WHERE record_id = $1 ORDER BY position', [row.id]);
  return { id: Number(row.id), company: row.company, phones: phones.rows.map((p) => p.e164), leaseToken: token, leaseUntil: set[0]?.lease_until ?? new Date() };
};

interface Run {
  campaignId: number;
  /** Every record a desk was given, and which desk. */
  handouts: { record: number; desk: number }[];
  /** Ids of the calls the server acknowledged (stored or late). */
  acknowledged: string[];
  resends: number;
}

async function work(lease: Lease, label: string): Promise<Run> {
  const campaignId = await teamCampaign(team.pool);
  const rows = Array.from({ length: RECORDS }, (_, i) => ({ company: `${label} ${i}`, phones: [`+1 212 555 ${String(i % 10000).padStart(4, '0')}`] }));
  await addTeamRecords(team.pool, campaignId, label, rows);
  const callers = await Promise.all(Array.from({ length: DESKS }, (_, i) => addTeamCaller(team.pool, `${label} desk ${i + 1}`)));
  const desks = await Promise.all(callers.map(() => team.desk()));
  const run: Run = { campaignId, handouts: [], acknowledged: [], resends: 0 };
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    desks.map(async (desk, i) => {
      const callerId = callers[i] ?? 0;
      // Bounded: at most as many turns as there are records, and only until the deadline.
      for (let turn = 0; turn < RECORDS && Date.now() < deadline; turn++) {
        const held = await lease(desk, campaignId, callerId);
        if (!held) break;
        run.handouts.push({ record: held.id, desk: i });
        const dial = await beginDial(desk, held, callerId, held.phones[0] ?? '', 'US');
        if (!dial.ok) continue;
        const call = callOn(held, callerId, { result: 'test_close', closes: true });
        const answer = await logTeamCall(desk, call);
        if (answer === 'duplicate') throw new Error(`call ${call.id} was sent once and stored before`);
        run.acknowledged.push(call.id);
        // Every third call is sent again, as a desk does when its acknowledgement was lost.
        if (turn % 3 === 0) {
          run.resends += 1;
          if ((await logTeamCall(desk, call)) !== 'duplicate') throw new Error(`re-sent call ${call.id} was stored again`);
        }
      }
    }),
  );
  await Promise.all(desks.map((d) => d.end()));
  return run;
}

/** Records handed to more than one desk. */
function overlaps(run: Run): number {
  const desksOf = new Map<number, Set<number>>();
  for (const h of run.handouts) desksOf.set(h.record, (desksOf.get(h.record) ?? new Set()).add(h.desk));
  return [...desksOf.values()].filter((s) => s.size > 1).length;
}

describe(`${DESKS} desks on one campaign for ${SECONDS} s`, () => {
  it('never give a record to two desks, dial it from two desks or close it twice; every acknowledged call is stored once', async () => {
    const run = await work(realLease, 'Real');
    expect(run.handouts.length).toBeGreaterThan(DESKS);
    expect(new Set(run.handouts.map((h) => h.desk)).size).toBe(DESKS);
    expect(overlaps(run)).toBe(0);
    const q = (sql: string) => team.pool.query(sql, [run.campaignId]);
    const inCampaign = 'record_id IN (SELECT id FROM records WHERE campaign_id = $1)';
    expect((await q(`SELECT record_id FROM dials WHERE ${inCampaign} GROUP BY record_id HAVING count(DISTINCT caller_id) > 1`)).rows).toEqual([]);
    expect((await q(`SELECT record_id FROM calls WHERE closes AND ${inCampaign} GROUP BY record_id HAVING count(*) > 1`)).rows).toEqual([]);
    const stored = await q(`SELECT id, late FROM calls WHERE ${inCampaign}`);
    expect(run.resends).toBeGreaterThan(0);
    expect(stored.rows.map((r) => r.id).sort()).toEqual([...run.acknowledged].sort());
    expect(stored.rows.filter((r) => r.late)).toEqual([]);
  }, 60_000);

  it('on a naive "select, then update" lease the same desks are given the same records', async () => {
    const run = await work(naiveLease, 'Naive');
    expect(overlaps(run)).toBeGreaterThan(0);
  }, 60_000);
});
