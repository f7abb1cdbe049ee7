import { describe, expect, it } from 'vitest';
import { DIAL_PRESETS, DIAL_SCHEMES, dialSchema, dialUrl, schemeOf, settingsSchema, DEFAULT_SETTINGS } from '../../shared/settings.ts';

const E164 = '+12015550123';
const presetDial = (p: (typeof DIAL_PRESETS)[number]) => ({ mode: p.mode, sipDomain: p.mode === 'sip' ? 'pbx.example.com' : '', template: p.template ?? '' });

describe('dial hand-off templates', () => {
  const EXPECTED: Record<string, string> = {
    tel: 'tel:+12015550123',
    callto: 'callto:+12015550123',
    sip: 'sip:+12015550123@pbx.example.com',
    zoiper: 'zoiper:%2B12015550123',
    microsip: 'microsip:%2B12015550123',
    bria: 'bria:%2B12015550123',
    teams: 'msteams:/l/call/0/0?users=4:%2B12015550123',
    ringcentral: 'rcmobile://call?number=%2B12015550123',
    dialpad: 'dialpad://%2B12015550123',
    aircall: 'aircall:%2B12015550123',
    '3cx': 'tcxcallto:%2B12015550123',
  };

  it.each(DIAL_PRESETS.map((p) => [p.id, p] as const))('the %s preset passes the app\'s own validation and builds its URL', (id, preset) => {
    const dial = presetDial(preset);
    expect(dialSchema.safeParse(dial).success).toBe(true);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, dial }).success).toBe(true);
    const made = dialUrl(dial, E164);
    expect(made).toEqual({ ok: true, url: EXPECTED[id] });
    expect(DIAL_SCHEMES as readonly string[]).toContain(schemeOf(made.ok ? made.url : ''));
  });

  it('has a test line for every preset', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(DIAL_PRESETS.map((p) => p.id).sort());
  });

  it.each([
    ['zoiper:{number} --exec calc', /may not contain a space/],
    ['zoiper:"{number}"', /may not contain """/],
    ["zoiper:'{number}'", /may not contain "'"/],
    ['zoiper:{number}&cmd=calc', /may not contain "&"/],
    ['zoiper:{number}|calc', /may not contain "\|"/],
    ['zoiper:\\\\evil\\share{number}', /may not contain "\\"/],
    ['zoiper:{number}\u0000', /may not contain a control character \(U\+0000\)/],
    ['zoiper:{number}\nx', /may not contain a control character \(U\+000A\)/],
    ['zoiper:{number}%20x', /may not contain "%"/],
    ['zoiper:{number}<x>', /may not contain "<"/],
    ['javascript:{number}', /"javascript" is not an allowed dial scheme/],
    ['zoiper:', /needs \{number\} or \{digits\}/],
  ])('refuses the template %j when it is saved', (template, message) => {
    const r = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, dial: { mode: 'custom', sipDomain: '', template } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['dial', 'template']);
    expect(r.error?.issues[0]?.message).toMatch(message);
  });

  it('builds no URL from a template saved before these rules', () => {
    expect(dialUrl({ mode: 'custom', sipDomain: '', template: 'zoiper:{number} & calc' }, E164)).toMatchObject({ ok: false, reason: expect.stringMatching(/may not contain a space/) });
    expect(dialUrl({ mode: 'sip', sipDomain: 'pbx.example.com;x=1', template: '' }, E164)).toMatchObject({ ok: false });
    expect(dialUrl({ mode: 'tel', sipDomain: '', template: '' }, '+1 201 555 0123')).toMatchObject({ ok: false });
  });

  it('puts only the number\'s digits into a {digits} template', () => {
    expect(dialUrl({ mode: 'custom', sipDomain: '', template: 'sip:{digits}@pbx.example.com' }, E164)).toEqual({ ok: true, url: 'sip:12015550123@pbx.example.com' });
  });
});
