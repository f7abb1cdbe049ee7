import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { addTeamRecords, beginDial, leaseNext, logTeamCall, migrateTeam, TEAM_MIGRATIONS, type TeamLease } from '../../electron/engine/team/index.ts';
import { callOn } from './calls.ts';
import { person, type Person } from './people.ts';
import { teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();
const people: Person[] = [];
afterAll(() => Promise.allSettled(people.map((p) => p.db.end())));

async function held(p: Person, campaignId: number): Promise<TeamLease> {
  const lease = await leaseNext(p.db, { campaignId, callerId: p.id, leaseSeconds: 600 });
  if (!lease) throw new Error('no lease');
  return lease;
}

describe('which rows each person reads (row-level security)', () => {
  it("a caller reads their own calls, notes, dials and shifts, never another caller's; a supervisor and a manager read them all", async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Ames', phones: ['212 555 0300'] },
      { company: 'Birch', phones: ['212 555 0301'] },
    ]);
    const [ann, bob, sue, meg] = await Promise.all([
      person(team, 'Ann', 'caller'),
      person(team, 'Bob', 'caller'),
      person(team, 'Sue', 'supervisor'),
      person(team, 'Meg', 'manager'),
    ]);
    people.push(ann, bob, sue, meg);
    for (const [p, note] of [
      [ann, 'Ann: gatekeeper is Rita'],
      [bob, 'Bob: owner wants a quote'],
    ] as const) {
      const lease = await held(p, campaignId);
      expect((await beginDial(p.db, lease, p.id, lease.phones[0] ?? '', 'US')).ok).toBe(true);
      await logTeamCall(p.db, callOn(lease, p.id, { notes: note, closes: true, result: 'not_interested' }));
      await team.pool.query('INSERT INTO shifts (caller_id, started_at) VALUES ($1, now())', [p.id]);
    }
    const read = async (p: Person, sql: string) => (await p.db.query<{ x: string }>(sql)).rows.map((r) => r.x);
    expect(await read(ann, 'SELECT notes AS x FROM calls ORDER BY 1')).toEqual(['Ann: gatekeeper is Rita']);
    expect(await read(bob, 'SELECT notes AS x FROM calls ORDER BY 1')).toEqual(['Bob: owner wants a quote']);
    expect(await read(ann, `SELECT count(*)::text AS x FROM calls WHERE caller_id = ${bob.id}`)).toEqual(['0']);
    expect(await read(ann, 'SELECT caller_id::text AS x FROM shifts')).toEqual([String(ann.id)]);
    expect(await read(bob, 'SELECT caller_id::text AS x FROM dials')).toEqual([String(bob.id)]);
    for (const staff of [sue, meg]) {
      expect(await read(staff, 'SELECT notes AS x FROM calls ORDER BY 1')).toEqual(['Ann: gatekeeper is Rita', 'Bob: owner wants a quote']);
      expect(await read(staff, 'SELECT count(*)::text AS x FROM shifts')).toEqual(['2']);
      expect(await read(staff, 'SELECT count(*)::text AS x FROM dials')).toEqual(['2']);
    }
  });

  it('a caller sees the records (and numbers) they hold or could take, not those another desk holds or that are closed', async () => {
    const campaignId = await teamCampaign(team.pool);
    const [mineId, theirsId, closedId, freeId] = await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Mine', phones: ['212 555 0310'] },
      { company: 'Theirs', phones: ['212 555 0311'] },
      { company: 'Closed', phones: ['212 555 0312'] },
      { company: 'Free', phones: ['212 555 0313'] },
    ]);
    const [cy, di, vi] = await Promise.all([person(team, 'Cy', 'caller'), person(team, 'Di', 'caller'), person(team, 'Vi', 'supervisor')]);
    people.push(cy, di, vi);
    const mine = await held(cy, campaignId);
    const theirs = await held(di, campaignId);
    expect([mine.id, theirs.id]).toEqual([mineId, theirsId]);
    await team.pool.query("UPDATE records SET status = 'closed' WHERE id = $1", [closedId]);

    const companies = async (p: Person) =>
      (await p.db.query<{ company: string }>('SELECT company FROM records WHERE campaign_id = $1 ORDER BY id', [campaignId])).rows.map((r) => r.company);
    const numbers = async (p: Person) =>
      (
        await p.db.query<{ e164: string }>('SELECT e164 FROM phones WHERE record_id = ANY($1) ORDER BY e164', [[mineId, theirsId, closedId, freeId]])
      ).rows.map((r) => r.e164);
    expect(await companies(cy)).toEqual(['Mine', 'Free']);
    expect(await numbers(cy)).toEqual(['+12125550310', '+12125550313']);
    expect(await companies(di)).toEqual(['Theirs', 'Free']);
    expect(await companies(vi)).toEqual(['Mine', 'Theirs', 'Closed', 'Free']);
    expect(await numbers(vi)).toHaveLength(4);
    // The lease token of another desk's record is never in sight.
    const tokens = await cy.db.query('SELECT 1 FROM records WHERE lease_token = $1', [theirs.leaseToken]);
    expect(tokens.rowCount).toBe(0);

    // A hold that ran out frees the record for everyone to see again.
    await team.pool.query("UPDATE records SET lease_until = now() - interval '1 second' WHERE id = $1", [theirsId]);
    expect(await companies(cy)).toEqual(['Mine', 'Theirs', 'Free']);
  });
});

describe('team migration 4 on a database in use', () => {
  it('keeps every caller and call, gives each caller no login until team add, and turns row-level security on', async () => {
    await team.pool.query('CREATE DATABASE at_v3');
    const db = new pg.Client({ connectionString: team.cluster.url.replace('/outcall?', '/at_v3?') });
    await db.connect();
    try {
      await db.query('CREATE TABLE team_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of TEAM_MIGRATIONS.filter((x) => x.version <= 3)) {
        await db.query(m.sql);
        await db.query('INSERT INTO team_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await db.query(`INSERT INTO callers (name) VALUES ('Old Hand');
        INSERT INTO campaigns (name, region, timezone, calling_window) VALUES ('Old', 'US', 'America/New_York', '{}');
        INSERT INTO records (campaign_id, company, timezone) VALUES (1, 'Kept', 'America/New_York');
        INSERT INTO calls (id, record_id, caller_id, lease_token, late, started_at, ended_at, events, result, level, pitched, closes, notes)
        VALUES (gen_random_uuid(), 1, 1, gen_random_uuid(), false, now(), now(), '{DIAL}', 'no_answer', 'none', false, false, 'kept note')`);
      expect(await migrateTeam(db)).toMatchObject({ from: 3 });
      const { rows } = await db.query('SELECT c.name, c.login, k.notes FROM callers c JOIN calls k ON k.caller_id = c.id');
      expect(rows).toEqual([{ name: 'Old Hand', login: null, notes: 'kept note' }]);
      const rls = await db.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace ORDER BY 1");
      // (deals from migration 8, read as calls are; record_changes from migration 13, read where their record is.)
      expect(rls.rows.map((r) => r.relname)).toEqual(['calls', 'deals', 'dials', 'phones', 'record_changes', 'records', 'shifts']);
    } finally {
      await db.end();
    }
  });
});
