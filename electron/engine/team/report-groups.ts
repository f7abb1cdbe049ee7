/**
 * Team migration 11: the shift totals over a million calls from one index again.
 *
 * Since migration 8 the totals group a shift's calls by their outcomes and flags too (a scheme
 * with dimensions has several outcomes a call; the timesheet counts flags), which migration 9's
 * calls_shift_totals does not hold: every call was fetched from the table in shift order and
 * each shift's calls sorted by outcomes and flags (npm run bench -- --team, 1,000,000 calls:
 * 2.1 s of server CPU, 470,000 pages). This index holds them as its last keys, so the groups
 * come out of it in order, without a sort or the table (26,000 pages, 1.0 s of CPU).
 *
 * A btree entry holds at most 2,704 bytes: a call's outcomes and flags together are kept
 * under 1,500 bytes as text (they are a scheme's slugs and flag names, a few dozen bytes
 * each), refused in the constraint's name past that rather than by the index.
 */
export const REPORT_GROUPS = `
ALTER TABLE calls ADD CONSTRAINT calls_outcomes_flags_size CHECK (octet_length(outcomes::text) + octet_length(flags::text) <= 1500);
CREATE INDEX calls_shift_groups ON calls (shift_id, level, pitched, new_lead, lead_kind, appointment, result, outcomes, flags)
  INCLUDE (campaign_id) WHERE shift_id IS NOT NULL;
DROP INDEX calls_shift_totals;
`;
