import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startCluster } from './cluster.ts';

describe('a throwaway PostgreSQL for the team tests', () => {
  it('answers on 127.0.0.1 and leaves nothing behind when stopped', async () => {
    const cluster = await startCluster();
    try {
      expect(cluster.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/outcall\?sslmode=disable$/);
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      const { rows } = await client.query<{ db: string; v: number }>(
        "SELECT current_database() AS db, current_setting('server_version_num')::int AS v",
      );
      await client.end();
      expect(rows[0]?.db).toBe('outcall');
      expect(rows[0]?.v).toBeGreaterThanOrEqual(140000);
    } finally {
      await cluster.stop();
    }
    expect(existsSync(cluster.dir)).toBe(false);
  });
});
