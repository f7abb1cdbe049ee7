/**
 * What a manager changes on the team database from the command line (campaign set, dnc import),
 * and the do-not-call check anyone may make. The server lets managers alone change campaigns
 * and import numbers (team migrations 3 and 14); anyone else is refused in words naming their role.
 */
import { campaignNameTaken, newCampaignValues, patchedCampaign, type Campaign } from '../campaigns.ts';
import { dncNumber, readDncFile } from '../dnc.ts';
import type { Query } from './team-reports.ts';
import { onlyFor } from './team-roles.ts';
import type { Store } from './types.ts';

export function teamManagement(q: Query, campaignById: (id: number) => Promise<Campaign>): Pick<Store, 'updateCampaign' | 'checkDnc' | 'importDnc'> {
  return {
    async updateCampaign(id, patch) {
      const current = await campaignById(id);
      const [calls] = await q<{ n: number }>('SELECT count(*)::int AS n FROM calls WHERE campaign_id = $1', [id]);
      const v = newCampaignValues(patchedCampaign(current, patch, calls?.n ?? 0));
      await onlyFor(q, 'a manager', 'changes a campaign', async () => {
        try {
          await q(
            `UPDATE campaigns SET name = $2, client = $3, scheme_id = $4, region = $5, timezone = $6, calling_window = $7, retry_delay_hours = $8,
               max_attempts = $9, options = $10 WHERE id = $1`,
            [id, v.name, v.client, v.schemeId, v.region, v.timezone, JSON.stringify(v.callingWindow), v.retryDelayHours, v.maxAttempts, JSON.stringify(v.options)],
          );
        } catch (e) {
          if ((e as { code?: string }).code === '23505') throw campaignNameTaken(v.name);
          throw e;
        }
      });
      return campaignById(id);
    },

    async checkDnc(raw, region) {
      const e164 = dncNumber(raw, region);
      const [d] = await q<{ added_at: Date; by: string | null; reason: string }>(
        'SELECT d.added_at, k.name AS by, d.reason FROM dnc d LEFT JOIN callers k ON k.id = d.added_by WHERE d.e164 = $1',
        [e164],
      );
      return { listed: d !== undefined, e164, entry: d ? { e164, raw: e164, source: 'team', addedAt: d.added_at.toISOString(), addedBy: d.by ?? '', reason: d.reason } : null };
    },

    async importDnc(file, c) {
      const { summary, numbers } = await readDncFile(file, c.region);
      const [by] = await q<{ id: string }>('SELECT id FROM callers WHERE name = $1', [c.by.trim()]);
      const [row] = await onlyFor(q, 'a manager', 'imports a do-not-call file', () =>
        q<{ added: number }>('SELECT import_dnc($1, $2, $3) AS added', [numbers.map((n) => n.e164), c.reason ?? '', by?.id ?? null]),
      );
      const added = row?.added ?? 0;
      return { ...summary, added, alreadyListed: numbers.length - added };
    },
  };
}
