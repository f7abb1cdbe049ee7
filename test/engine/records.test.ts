import { describe, expect, it } from 'vitest';
import { addDnc, correctRecord, getCampaign, getRecord, logCall, queueFor, updateCampaign, type DB } from '../../electron/engine/index.ts';
import { appOver } from './harness.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const T0 = new Date('2026-11-23T15:00:00Z');
const snapshot = (db: DB, id: number) => ({
  record: db.prepare('SELECT contact_name, title, dialable FROM records WHERE id = ?').get(id),
  phones: db.prepare('SELECT label, raw, e164, on_dnc FROM phones WHERE record_id = ? ORDER BY position').all(id),
  changes: db.prepare('SELECT count(*) FROM record_changes').pluck().get(),
});

describe('a caller corrects a record', () => {
  it('fixes a number, adds one and the DM, each change kept with who and when', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'Hudson Roofing', phone: us(1) }]);
    const changes = correctRecord(
      db,
      id,
      { fixPhone: { index: 0, number: '(201) 555-0199' }, addPhone: { number: '201.555.0177', label: 'Warehouse' }, dmName: 'Pat Lee', dmRole: 'Facilities Manager', dmDirectLine: '+1 201 555 0188' },
      'Dana',
      T0,
    );
    const r = getRecord(db, id);
    expect(r.phones.map((p) => [p.label, p.e164])).toEqual([
      ['Phone', '+12015550199'],
      ['Warehouse', '+12015550177'],
      ['DM direct line', '+12015550188'],
    ]);
    expect([r.contactName, r.title]).toEqual(['Pat Lee', 'Facilities Manager']);
    expect(changes.map((c) => [c.by, c.field, c.oldValue, c.newValue])).toEqual([
      ['Dana', 'title', '', 'Facilities Manager'],
      ['Dana', 'contact_name', '', 'Pat Lee'],
      ['Dana', 'direct_line', '', '+12015550188'],
      ['Dana', 'phone', '', '+12015550177'],
      ['Dana', 'phone', '+12015550101', '+12015550199'],
    ]);
    expect(r.changes).toEqual(changes);
    expect(changes.every((c) => c.at === T0.toISOString())).toBe(true);
    // A second direct line replaces the first.
    correctRecord(db, id, { dmDirectLine: '201 555 0166' }, 'Dana', T0);
    expect(getRecord(db, id).phones.filter((p) => p.label === 'DM direct line').map((p) => p.e164)).toEqual(['+12015550166']);
  });

  it('refuses a number that is not valid E.164 for the region, or already on the record, and writes nothing', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1), phone2: us(2) }]);
    const before = snapshot(db, id);
    expect(() => correctRecord(db, id, { fixPhone: { index: 0, number: '555-01' }, dmName: 'Pat' }, 'Dana', T0)).toThrow(
      /Number: "555-01" is not a valid US number \(read as a US number unless it starts with \+\)\./,
    );
    expect(() => correctRecord(db, id, { addPhone: { number: us(2) } }, 'Dana', T0)).toThrow('+12015550102 is already a number of this record.');
    expect(() => correctRecord(db, id, { fixPhone: { index: 5, number: us(3) } }, 'Dana', T0)).toThrow('This record has no number 6.');
    expect(() => correctRecord(db, id, { dmDirectLine: 'call me' }, 'Dana', T0)).toThrow(/Direct line: "call me" is not a phone number/);
    expect(() => correctRecord(db, id, {}, 'Dana', T0)).toThrow(/Nothing to change/);
    expect(snapshot(db, id)).toEqual(before);
  });

  it('a number on the do-not-call list is kept but marked, and never dialled', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [id = 0] = await seed(db, c, [{ company: 'A', phone: us(1) }]);
    addDnc(db, us(9), { region: 'US', by: 'x', reason: '', now: T0 });
    addDnc(db, us(1), { region: 'US', by: 'x', reason: '', now: T0 });
    expect(queueFor(db, c, { at: T0 })).toEqual([]);
    correctRecord(db, id, { addPhone: { number: us(9) } }, 'Dana', T0);
    expect(getRecord(db, id).phones.map((p) => p.onDnc)).toEqual([true, true]);
    expect(queueFor(db, c, { at: T0 })).toEqual([]);
    // Fixing the listed number to a clean one brings the record back to the queue.
    correctRecord(db, id, { fixPhone: { index: 0, number: us(3) } }, 'Dana', T0);
    expect(queueFor(db, c, { at: T0 }).map((q) => q.phones)).toEqual([['+12015550103']]);
  });

  it('corrections show in the record view and through IPC, with the talk track filled in by the renderer', async () => {
    const { db } = tempDb();
    const c = campaign(db, { options: { script: 'Hi {contact}, {caller} here about {company}.' } });
    const [id = 0] = await seed(db, c, [{ company: 'A', phone: us(1) }]);
    const app = appOver(db, { now: () => T0 });
    const bad = await app.api.correctRecord({ recordId: id, caller: 'Dana', dmName: 'x'.repeat(121) });
    expect(bad).toMatchObject({ ok: false, error: 'dmName: at most 120 characters' });
    const view = await app.api.correctRecord({ recordId: id, caller: 'Dana', dmName: 'Pat Lee' });
    if (!view.ok) throw new Error(view.error);
    expect(view.value.record.contactName).toBe('Pat Lee');
    expect(view.value.record.changes).toHaveLength(1);
    expect(view.value.campaign.script).toBe('Hi {contact}, {caller} here about {company}.');
    logCall(db, { recordId: id, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: T0 });
    expect(getRecord(db, id).history).toHaveLength(1);
  });
});

describe('the talk track', () => {
  it('is kept with the campaign, and one longer than 10000 characters is refused, naming its length', () => {
    const { db } = tempDb();
    const c = campaign(db);
    expect(getCampaign(db, c.id).options.script).toBe('');
    updateCampaign(db, c.id, { options: { script: 'Hi {contact}' } });
    expect(getCampaign(db, c.id).options.script).toBe('Hi {contact}');
    expect(() => updateCampaign(db, c.id, { options: { script: 'x'.repeat(10_001) } })).toThrow('The talk track is 10001 characters long: at most 10000.');
    expect(getCampaign(db, c.id).options.script).toBe('Hi {contact}');
  });
});

describe('opening a record from the follow-ups', () => {
  it('holds it for the caller, lets go of the one they held, and refuses one another caller is working', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [a = 0, b = 0] = await seed(db, c, [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    logCall(db, { recordId: b, caller: 'Dana', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'email_follow_up', followUpAt: new Date(T0.getTime() + 5 * 86_400_000), at: T0 });
    const app = appOver(db, { now: () => new Date(T0.getTime() + 6 * 86_400_000) });
    const held = await app.api.nextRecord({ campaignId: c.id, caller: 'Dana' });
    expect(held.ok && held.value?.record.id).toBe(b); // the due follow-up first
    const opened = await app.api.openRecord({ recordId: a, caller: 'Dana' });
    expect(opened.ok && [opened.value.record.id, opened.value.reason]).toEqual([a, 'fresh']);
    const locks = () => db.prepare('SELECT id, locked_by IS NOT NULL AS held FROM records ORDER BY id').all();
    expect(locks()).toEqual([{ id: a, held: 1 }, { id: b, held: 0 }]);
    const other = await app.api.openRecord({ recordId: a, caller: 'Eli' });
    expect(other).toMatchObject({ ok: false, error: 'Dana is working this record right now.' });
    const due = await app.api.openRecord({ recordId: b, caller: 'Eli' });
    expect(due.ok && due.value.reason).toBe('follow_up_due');
  });
});
