import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/outcall.ts';
import { createCampaign, importList, type DB } from '../../electron/engine/index.ts';
import { zoneForRecord } from '../../electron/engine/timezones.ts';
import { campaign, fixture, tempDb, tempDir } from './helpers.ts';

const zones = (db: DB) => db.prepare('SELECT company, tz FROM records ORDER BY id').all() as { company: string; tz: string }[];

describe("a record's time zone", () => {
  it('comes from the address first, then the phone only where its whole prefix keeps one zone, then the campaign', async () => {
    const { db } = tempDb();
    const c = campaign(db, { timezone: 'America/New_York' });
    await importList(db, { file: fixture('us-zones.csv'), campaignId: c.id });
    expect(zones(db)).toEqual([
      { company: 'Bay Area Roofing', tz: 'America/Los_Angeles' }, // the state, over a New York number
      { company: 'Mile High Solar', tz: 'America/Denver' }, // the city, over a New York number
      { company: 'Panhandle Pools', tz: 'America/New_York' }, // 850 spans two zones: the campaign's
      { company: 'Empire Plumbing', tz: 'America/New_York' },
      { company: 'Golden Gate Glass', tz: 'America/Los_Angeles' }, // 415 lies in one zone
      { company: 'Pensacola Marine', tz: 'America/Chicago' }, // the ZIP code, finer than Florida
    ]);
  });

  it('never moves a mainland New Zealand record to Pacific/Chatham', async () => {
    const { db } = tempDb();
    const c = campaign(db, { name: 'Canterbury', region: 'NZ', timezone: 'Pacific/Auckland' });
    await importList(db, { file: fixture('nz-canterbury.csv'), campaignId: c.id });
    // libphonenumber files 03 330 (Banks Peninsula) under Chatham, 45 minutes ahead.
    expect(zones(db).map((r) => r.tz)).toEqual(['Pacific/Auckland', 'Pacific/Auckland', 'Pacific/Auckland', 'Pacific/Auckland']);
  });

  it('knows the provinces of other countries with several zones', () => {
    const mexico = { region: 'MX' as const, timezone: 'America/Mexico_City' };
    expect(zoneForRecord({ state: 'Baja California', phones: [] }, mexico)).toBe('America/Tijuana');
    expect(zoneForRecord({ state: 'Jalisco', phones: [] }, mexico)).toBe('America/Mexico_City');
  });

  it('reads Canadian postal codes and leaves a mobile number to its country', () => {
    const toronto = { region: 'CA' as const, timezone: 'America/Toronto' };
    expect(zoneForRecord({ postcode: 'V6B 1A1', phones: ['+14165550100'] }, toronto)).toBe('America/Vancouver');
    // An Australian mobile says nothing about where its owner is.
    expect(zoneForRecord({ phones: ['+61412345678'] }, { region: 'AU', timezone: 'Australia/Perth' })).toBe('Australia/Perth');
  });
});

describe("a campaign's time zone", () => {
  it('follows a country with one zone and is asked for where the country has several', () => {
    const { db } = tempDb();
    expect(createCampaign(db, { name: 'SG', region: 'SG' }).timezone).toBe('Asia/Singapore');
    expect(createCampaign(db, { name: 'DE', region: 'DE' }).timezone).toBe('Europe/Berlin');
    expect(createCampaign(db, { name: 'NL', region: 'nl' }).timezone).toBe('Europe/Amsterdam');
    expect(() => createCampaign(db, { name: 'AU', region: 'AU' })).toThrow(/Australia \(AU\) has 7 time zones: choose the campaign's own with --timezone, e\.g\. .*Australia\/Perth/);
    expect(() => createCampaign(db, { name: 'NZ', region: 'NZ' })).toThrow(/New Zealand \(NZ\) has 2 time zones.*Pacific\/Auckland, Pacific\/Chatham/);
    expect(createCampaign(db, { name: 'AU', region: 'AU', timezone: 'Australia/Perth' }).timezone).toBe('Australia/Perth');
  });

  it('on the command line: --region SG alone, --region US with --timezone', async () => {
    const db = join(tempDir(), 'o.db');
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    expect(await main(['--db', db, 'campaign', 'create', 'Singapore', '--region', 'SG'])).toBe(0);
    expect(await main(['--db', db, 'campaign', 'create', 'States', '--region', 'US'])).toBe(1);
    expect(await main(['--db', db, 'campaign', 'create', 'States', '--region', 'US', '--timezone', 'America/Chicago'])).toBe(0);
    vi.restoreAllMocks();
    // The first command also says that it made a new database file.
    const said = out.filter((line) => !line.includes('Created a new database'));
    expect(said[0]).toMatch(/Created campaign "Singapore" .*region SG, Asia\/Singapore/);
    expect(said[1]).toMatch(/United States \(US\) has 8 time zones: choose the campaign's own with --timezone/);
  });
});
