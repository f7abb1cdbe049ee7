import { describe, expect, it } from 'vitest';
import { addTeamDnc, addTeamRecords, beginDial, leaseNext, logTeamCall, releaseLease } from '../../electron/engine/team/index.ts';
import { callOn } from './calls.ts';
import { caller, teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();

describe('begin_dial: the server decides whether a number may be dialled now', () => {
  it('refuses a number listed on one desk on the next dial of every desk, however it is written', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Shared One', phones: ['(212) 555-0150', '212 555 0151'] },
      { company: 'Shared Two', phones: ['+1 212.555.0150', '212 555 0152'] },
    ]);
    const lee = await caller(team.pool, 'Lee');
    const mo = await caller(team.pool, 'Mo');
    const deskLee = await team.desk();
    const deskMo = await team.desk();
    const a = await leaseNext(deskLee, { campaignId, callerId: lee, leaseSeconds: 60 });
    const b = await leaseNext(deskMo, { campaignId, callerId: mo, leaseSeconds: 60 });
    if (!a || !b) throw new Error('no lease');
    expect(await beginDial(deskMo, b, mo, '2125550150', 'US')).toEqual({ ok: true, e164: '+12125550150' });

    expect(await addTeamDnc(deskLee, '001 (212) 555-0150', 'US', 'asked on the phone', lee)).toBe(true);
    expect(await addTeamDnc(deskMo, '+1-212-555-0150', 'US', 'again', mo)).toBe(false);

    for (const [desk, lease, who, written] of [
      [deskMo, b, mo, '212-555-0150'],
      [deskLee, a, lee, '+1 (212) 555 0150'],
      [deskMo, b, mo, '1 212 555 0150'],
    ] as const) {
      const answer = await beginDial(desk, lease, who, written, 'US');
      expect(answer).toMatchObject({ ok: false, reason: 'do_not_call' });
      if (!answer.ok) expect(answer.message).toBe('+12125550150 is on the do-not-call list: it is never dialled.');
    }
    // The record's other number is still fine.
    expect((await beginDial(deskLee, a, lee, '212 555 0151', 'US')).ok).toBe(true);
    const log = await team.pool.query('SELECT e164, action, reason, caller_id FROM dnc_log WHERE e164 = $1', ['+12125550150']);
    expect(log.rows).toEqual([{ e164: '+12125550150', action: 'add', reason: 'asked on the phone', caller_id: String(lee) }]);
  });

  it('never offers a record whose every number is on the list', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Listed', phones: ['212 555 0160'] }]);
    const nat = await caller(team.pool, 'Nat');
    await addTeamDnc(team.pool, '(212) 555-0160', 'US', '', nat);
    expect(await leaseNext(team.pool, { campaignId, callerId: nat, leaseSeconds: 60 })).toBeNull();
  });

  it("puts the numbers a logged call asks for on the list; another desk's next dial is refused", async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Gone', phones: ['212 555 0170'] },
      { company: 'Same Number', phones: ['212 555 0170', '212 555 0171'] },
    ]);
    const oz = await caller(team.pool, 'Oz');
    const pia = await caller(team.pool, 'Pia');
    const a = await leaseNext(team.pool, { campaignId, callerId: oz, leaseSeconds: 60 });
    const b = await leaseNext(team.pool, { campaignId, callerId: pia, leaseSeconds: 60 });
    if (!a || !b) throw new Error('no lease');
    const logged = callOn(a, oz, { closes: true, doNotCall: a.phones, doNotCallReason: 'asked to be removed' });
    expect(await logTeamCall(team.pool, logged)).toBe('stored');
    expect(await beginDial(team.pool, b, pia, '(212) 555-0170', 'US')).toMatchObject({ ok: false, reason: 'do_not_call' });
    expect(await beginDial(team.pool, b, pia, '(212) 555-0171', 'US')).toMatchObject({ ok: true });
  });

  it('refuses a dial without the lease, on a number not on the record, and outside calling hours by server time', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Rules', phones: ['212 555 0180'] }]);
    const quinn = await caller(team.pool, 'Quinn');
    const rae = await caller(team.pool, 'Rae');
    const held = await leaseNext(team.pool, { campaignId, callerId: quinn, leaseSeconds: 60 });
    if (!held) throw new Error('no lease');
    expect(await beginDial(team.pool, held, rae, '212 555 0180', 'US')).toMatchObject({ ok: false, reason: 'not_held' });
    expect(await beginDial(team.pool, { ...held, leaseToken: crypto.randomUUID() }, quinn, '212 555 0180', 'US')).toMatchObject({
      ok: false,
      reason: 'not_held',
    });
    expect(await beginDial(team.pool, held, quinn, '212 555 0199', 'US')).toMatchObject({
      ok: false,
      reason: 'not_on_record',
      message: `+12125550199 is not a number of record ${held.id}.`,
    });
    await expect(beginDial(team.pool, held, quinn, 'call me', 'US')).rejects.toThrow(/"call me" is not a phone number/);

    // The manager closes every day: the next dial is refused (the desk sends no time; the server's clock decides).
    const closed = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
    await team.pool.query('UPDATE campaigns SET calling_window = $1 WHERE id = $2', [JSON.stringify(closed), campaignId]);
    expect(await beginDial(team.pool, held, quinn, '212 555 0180', 'US')).toMatchObject({ ok: false, reason: 'outside_window' });
    await releaseLease(team.pool, held, quinn);
    expect(await leaseNext(team.pool, { campaignId, callerId: quinn, leaseSeconds: 60 })).toBeNull();

    const dials = await team.pool.query('SELECT count(*)::int AS n FROM dials WHERE record_id = $1', [held.id]);
    expect(dials.rows[0]).toEqual({ n: 0 });
  });

  it('refuses a dial once the lease has lapsed', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Slow', phones: ['212 555 0190'] }]);
    const sam = await caller(team.pool, 'Sam');
    const held = await leaseNext(team.pool, { campaignId, callerId: sam, leaseSeconds: 1 });
    if (!held) throw new Error('no lease');
    await team.pool.query('SELECT pg_sleep(1.1)');
    expect(await beginDial(team.pool, held, sam, '212 555 0190', 'US')).toMatchObject({ ok: false, reason: 'lease_lapsed' });
  });
});
