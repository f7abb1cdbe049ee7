import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, recoverSettings } from '../../shared/settings.ts';

/** A config.json that fails the schema keeps what is still valid and says what was reset. */
describe('settings read back from a damaged file', () => {
  it("keeps the caller's name when other fields are bad, and names each reset field", () => {
    const r = recoverSettings({ callerName: 'Dana', defaultRegion: 'Mars', theme: 'purple', lastCampaignId: 3, dial: { mode: 'sip', sipDomain: 'pbx.example.com', template: '' } });
    expect(r.settings).toEqual({ callerName: 'Dana', defaultRegion: 'US', theme: 'system', lastCampaignId: 3, dial: { mode: 'sip', sipDomain: 'pbx.example.com', template: '' } });
    expect(r.reset).toEqual(['defaultRegion (Default region must be a two-letter country code such as US, GB or AU.)', expect.stringMatching(/^theme \(/)]);
  });

  it('keeps the good parts of the dial hand-off when one part is bad', () => {
    const r = recoverSettings({ callerName: 'Dana', dial: { mode: 'custom', sipDomain: 'bad domain!', template: 'zoiper:{number}' } });
    expect(r.settings.dial).toEqual({ mode: 'custom', sipDomain: '', template: 'zoiper:{number}' });
    expect(r.reset).toEqual(['dial.sipDomain (SIP domain must be a host name such as pbx.example.com.)']);
  });

  it('resets the whole hand-off when what is left does not make sense together', () => {
    const r = recoverSettings({ dial: { mode: 'sip', sipDomain: 'bad domain!', template: '' } });
    expect(r.settings.dial).toEqual(DEFAULT_SETTINGS.dial);
    expect(r.reset).toEqual([expect.stringMatching(/^dial \(/)]);
  });

  it('reads a missing field as its default without calling it a reset, and anything else as all defaults', () => {
    expect(recoverSettings({ callerName: 'Dana' })).toEqual({ settings: { ...DEFAULT_SETTINGS, callerName: 'Dana' }, reset: [] });
    expect(recoverSettings(['not', 'an', 'object'])).toEqual({ settings: DEFAULT_SETTINGS, reset: [] });
  });
});
