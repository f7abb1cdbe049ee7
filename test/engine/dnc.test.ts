import { describe, expect, it } from 'vitest';
import {
  addDnc,
  checkDnc,
  dialCheck,
  dncLog,
  importDnc,
  importList,
  listDnc,
  queueFor,
  removeDnc,
} from '../../electron/engine/index.ts';
import { campaign, fixture, tempDb } from './helpers.ts';

const FORMATS = ['(201) 555-0123', '201.555.0123', '+1 201 555 0123', '1-201-555-0123', '2015550123', '+12015550123', '201-555-0123 x45', '201\u00a0555\u00a00123'];

describe('do-not-call matching is by E.164', () => {
  it.each(FORMATS)('a number listed as "(201) 555-0123" is found as %j', (written) => {
    const { db } = tempDb();
    addDnc(db, '(201) 555-0123', { by: 'Manager', reason: 'asked' });
    expect(checkDnc(db, written, 'US')).toMatchObject({ listed: true, e164: '+12015550123' });
  });

  it('keeps who, when, where from and why, and logs every change', () => {
    const { db } = tempDb();
    const at = new Date('2026-11-23T10:00:00Z');
    expect(addDnc(db, '+1 201 555 0123', { by: 'Manager', reason: 'asked on the phone', now: at })).toEqual({ e164: '+12015550123', added: true });
    expect(addDnc(db, '201.555.0123', { by: 'Manager' })).toEqual({ e164: '+12015550123', added: false });
    expect(checkDnc(db, '2015550123').entry).toEqual({
      e164: '+12015550123', raw: '+1 201 555 0123', source: 'manual', addedAt: at.toISOString(), addedBy: 'Manager', reason: 'asked on the phone',
    });
    removeDnc(db, '(201) 555-0123', { by: 'Supervisor', reason: 'number reassigned', now: new Date('2026-11-24T10:00:00Z') });
    expect(checkDnc(db, '2015550123').listed).toBe(false);
    expect(dncLog(db, '+12015550123').map((l) => [l.action, l.by, l.reason])).toEqual([
      ['add', 'Manager', 'asked on the phone'],
      ['remove', 'Supervisor', 'number reassigned'],
    ]);
  });

  it('refuses a removal without a reason, an unlisted number, and a number that is not one', () => {
    const { db } = tempDb();
    addDnc(db, '2015550123', { by: 'M' });
    expect(() => removeDnc(db, '2015550123', { by: 'M' })).toThrow(/Say why/);
    expect(() => removeDnc(db, '2015550199', { by: 'M', reason: 'x' })).toThrow('+12015550199 is not on the do-not-call list.');
    expect(() => addDnc(db, 'call me', { by: 'M' })).toThrow('Cannot use "call me": "call me" is not a phone number.');
    expect(() => addDnc(db, '12', { by: 'M' })).toThrow(/Cannot use "12"/);
    expect(listDnc(db).total).toBe(1);
  });

  it('imports a file of numbers: one per line in any formatting, the US registry\'s "area code,number", and "number,date"', async () => {
    const { db } = tempDb();
    const registry = await importDnc(db, fixture('dnc-us-registry.txt'), { by: 'M' });
    expect(registry).toMatchObject({ lines: 3, added: 3, alreadyListed: 0, invalid: 0 });
    const mixed = await importDnc(db, fixture('dnc-mixed.txt'), { by: 'M' });
    expect(mixed).toMatchObject({ lines: 6, added: 4, invalid: 2 });
    expect(mixed.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(listDnc(db, { search: '201 555 01' }).entries.map((e) => e.e164).sort()).toEqual(
      ['+12015550123', '+12015550124', '+12015550125', '+12015550126', '+12015550127', '+12015550128'],
    );
    expect(checkDnc(db, '(415) 555-2671').listed).toBe(true);
  });
});

describe('a listed number is never offered and never dialled', () => {
  it('drops a record from the queue when its only number is listed, and refuses to dial it', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    await importList(db, { file: fixture('us-extensions.csv'), campaignId: c.id });
    const first = queueFor(db, c, { limit: 1 })[0];
    expect(first?.phones).toEqual(['+15108637227']);
    expect(dialCheck(db, first?.id ?? 0, '+15108637227', new Date())).toEqual({ ok: true });
    addDnc(db, '510-863-7227', { by: 'M' });
    expect(queueFor(db, c, { limit: 50 }).map((q) => q.id)).not.toContain(first?.id);
    expect(dialCheck(db, first?.id ?? 0, '+15108637227', new Date())).toEqual({ ok: false, reason: '+15108637227 is on the do-not-call list.' });
    // Taking it off the list brings the record back.
    removeDnc(db, '+15108637227', { by: 'M', reason: 'wrongly listed' });
    expect(queueFor(db, c, { limit: 1 })[0]?.id).toBe(first?.id);
  });
});
