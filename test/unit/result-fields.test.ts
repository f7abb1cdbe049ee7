import { describe, expect, it } from 'vitest';
import { flowOfScheme, validateSelection } from '../../shared/callflow/index.ts';
import { campaignSettingsSchema, getScheme, parseFields, SCHEMES } from '../../shared/schemes/index.ts';
import { cleanSettings, listOf } from '../../renderer/src/manage/settingValues.ts';
import { chosenCodes, fieldInputs, fieldsAskedFor, filled } from '../../renderer/src/work/fieldDraft.ts';

const B2B = getScheme('b2b-appointment-setting');
const NOW = new Date('2026-11-23T18:00:00Z'); // Monday 10:00 in Los Angeles
const LA = 'America/Los_Angeles';

/** The result step's form, as built from a scheme's declarations for the outcomes a caller chose. */
describe('the result step builds its fields from the declarations', () => {
  it('asks, for every outcome of every scheme, for exactly the fields the outcome names, each declared once', () => {
    for (const scheme of SCHEMES) {
      for (const code of scheme.codes) {
        const asked = fieldsAskedFor(scheme, [code]);
        expect(asked.map((a) => a.decl.key).sort(), `${scheme.id} ${code.slug}`).toEqual([...new Set((code.fields ?? []).map((f) => f.key))].sort());
        for (const a of asked) expect(a.required, `${scheme.id} ${code.slug} ${a.decl.key}`).toBe((code.fields ?? []).some((f) => f.key === a.decl.key && f.required));
      }
    }
  });

  it('gives a task its window and a meeting its first kind as the preset', () => {
    const [follow] = fieldsAskedFor(B2B, chosenCodes(B2B, ['email_follow_up']));
    expect(follow).toMatchObject({ decl: { key: 'follow_up_at', type: 'datetime' }, required: true, window: { minDays: 3, maxDays: 28 } });
    // A call back only when the DM cut the call short: the date is there, not required.
    expect(fieldsAskedFor(B2B, chosenCodes(B2B, ['no_contact']))).toMatchObject([{ decl: { key: 'follow_up_at' }, required: false }]);
    const meeting = fieldsAskedFor(B2B, chosenCodes(B2B, ['appointment_booked']));
    expect(meeting.map((a) => [a.decl.key, a.required, a.preset])).toEqual([
      ['appointment_at', true, undefined],
      ['appointment_kind', false, 'face_to_face'],
    ]);
    expect(fieldsAskedFor(B2B, chosenCodes(B2B, ['duplicate']))).toEqual([]);
  });

  it("turns a call-back typed as 2 pm in the prospect's zone into 2 pm there, leaves empty fields out and fills presets", () => {
    const asked = fieldsAskedFor(B2B, chosenCodes(B2B, ['appointment_booked']));
    expect(fieldInputs(asked, { appointment_at: '2026-11-30T14:00', follow_up_at: '2026-12-01T09:00' }, LA)).toEqual({
      appointment_at: '2026-11-30T22:00:00.000Z',
      appointment_kind: 'face_to_face',
    });
    expect(fieldInputs(asked, { appointment_at: ' ', appointment_kind: 'video' }, LA)).toEqual({ appointment_kind: 'video' });
    // Text that is no date reaches the schema as typed, which refuses it naming the field.
    const bad = parseFields(B2B, fieldInputs(asked, { appointment_at: 'tomorrow' }, LA));
    expect(bad.problems).toEqual([{ field: 'appointment_at', message: expect.stringMatching(/^Meeting date and time \(appointment_at\): must be a date and time/) }]);
    expect(filled(' ')).toBe(false);
    expect(filled(['a'])).toBe(true);
    expect(filled(undefined)).toBe(false);
  });

  it('checks what it built as main does: the window in the scheme\'s words, and a good date passes', () => {
    const flow = flowOfScheme(B2B.id);
    const snapshot = flow.replay(['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], { schemeId: B2B.id });
    const asked = fieldsAskedFor(B2B, chosenCodes(B2B, ['email_follow_up']));
    const check = (typed: string) => {
      const parsed = parseFields(B2B, fieldInputs(asked, { follow_up_at: typed }, LA));
      return validateSelection({ flow, snapshot, codes: ['email_follow_up'], fields: parsed.values, now: NOW });
    };
    expect(check('2027-01-04T10:00').map((p) => p.message).join(' ')).toMatch(/42 days out: use Nurture - Email Sent/);
    expect(check('2026-12-07T10:00')).toEqual([]);
    expect(check('').map((p) => p.field)).toEqual(['follow_up_at']);
  });
});

describe('campaign settings from the scheme', () => {
  it('keeps a list one name a line, and saves only the declared settings, trimmed, as main takes them', () => {
    expect(listOf('Ana\n  Ben\n\nCara\n')).toEqual(['Ana', 'Ben', 'Cara', '']);
    expect(cleanSettings(B2B, { closers: ['Ana'] })).toEqual({});
    for (const scheme of SCHEMES) {
      for (const d of scheme.settings ?? []) {
        const v = d.type === 'choices' && !d.options?.length ? [' Ana ', '', 'Ben'] : d.type === 'money' ? 5 : d.options?.[0]?.value ?? ' X ';
        const clean = cleanSettings(scheme, { [d.key]: v });
        expect(campaignSettingsSchema(scheme).safeParse(clean).success, `${scheme.id} ${d.key}`).toBe(true);
      }
    }
  });
});
