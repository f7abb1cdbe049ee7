/**
 * Every function that runs as its owner (SECURITY DEFINER) on the team database: a fixed
 * search_path, and run only by Outcall's roles (never by PUBLIC, so a login that is nobody in
 * the team cannot call it).
 */
import { describe, expect, it } from 'vitest';
import { teamSuite } from './team.ts';

const team = teamSuite();

describe("the team database's owner-run functions", () => {
  it('each has a fixed search_path and none is executable by PUBLIC', async () => {
    const { rows } = await team.pool.query<{ fn: string; path: boolean; public: boolean }>(
      `SELECT p.oid::regprocedure::text AS fn,
              coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=public, pg_temp%', false) AS path,
              has_function_privilege('public', p.oid, 'EXECUTE') AS public
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => !r.path).map((r) => r.fn)).toEqual([]);
    expect(rows.filter((r) => r.public).map((r) => r.fn)).toEqual([]);
  }, 60_000);
});
