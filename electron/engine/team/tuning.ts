/**
 * The next-record query kept quick beside a large do-not-call list (part of migration 7).
 *
 * lease_next asks, for each candidate record, whether one of its numbers is off the do-not-call
 * list (`dialable`, team migration 5). Inlined, the planner turned that EXISTS into a join over
 * every phone of the database against the whole list (it takes the anti-join for a handful of
 * rows) and only then walked the queue: 270-1,400 ms a lease at 20,000 records and 100,000
 * listed numbers. With OFFSET 0 the check stays a per-record test, so the queue's index order
 * is walked and the first free, dialable record ends the scan.
 */
export const LEASE_TUNING = `
CREATE OR REPLACE FUNCTION dialable(p_record bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM phones p WHERE p.record_id = p_record AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) OFFSET 0)
$$;
`;
