/**
 * lease_next, kept quick beside a large do-not-call list (part of migration 7).
 *
 * Migration 2's lease_next asks, for each candidate record, whether one of its numbers is off
 * the do-not-call list. The planner turned that EXISTS into a join over every phone of the
 * database against the whole list (it takes the anti-join for a handful of rows) and only then
 * walked the queue: 270-1,400 ms a lease at 20,000 records and 100,000 listed numbers. With
 * OFFSET 0 the check stays a per-record test, so the queue's index order is walked and the
 * first free, dialable record ends the scan. The function is otherwise migration 2's own,
 * taken from it here rather than written twice.
 */
import { FUNCTIONS } from './functions.ts';

const DIALABLE = 'AND EXISTS (SELECT 1 FROM phones p WHERE p.record_id = r.id AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164))';
const PER_RECORD = 'AND EXISTS (SELECT 1 FROM phones p WHERE p.record_id = r.id AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) OFFSET 0)';

function leaseNext(): string {
  const start = FUNCTIONS.indexOf('CREATE FUNCTION lease_next(');
  const end = FUNCTIONS.indexOf('CREATE FUNCTION renew_lease(');
  const body = FUNCTIONS.slice(start, end);
  if (start < 0 || end < start || body.split(DIALABLE).length !== 3) throw new Error('lease_next of migration 2 is not where migration 7 expects it.');
  return body.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION').replaceAll(DIALABLE, PER_RECORD);
}

// CREATE OR REPLACE resets how the function runs: as its owner again, as migration 3 set it.
export const LEASE_TUNING = `${leaseNext()}
ALTER FUNCTION lease_next(bigint, bigint, integer) SECURITY DEFINER SET search_path = public, pg_temp;
`;
