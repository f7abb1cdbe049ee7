/** A desk app (the real IPC handlers over a temp SQLite file) connected to the test team database. */
import { expect } from 'vitest';
import { appOver } from '../engine/harness.ts';
import { tempDb } from '../engine/helpers.ts';

/** An IPC answer's value, or its error thrown. */
export async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> {
  const a = await r;
  if (!a.ok) throw new Error(a.error);
  return a.value;
}

/** The desk of `caller`, connected at `url` (a person's own login, or through a proxy). */
export async function teamDeskApp(url: string, caller: string, now?: () => Date) {
  const { db } = tempDb();
  const app = appOver(db, { settings: { callerName: caller }, now });
  expect((await ok(app.api.connectTeam({ url, remember: false }))).status).toBe('connected');
  return {
    app, db, api: app.api, call: ok,
    close: async () => {
      await app.close();
      db.close();
    },
  };
}
