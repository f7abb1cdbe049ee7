import { describe, expect, it } from 'vitest';
import { splitPassword } from '../../electron/app/team.ts';
import { appOver } from './harness.ts';
import { tempDb } from './helpers.ts';

describe('the team database URL Settings take', () => {
  it('keeps the URL without its password, wherever the password was written', () => {
    expect(splitPassword('postgres://ann:p%40ss@db.example.com:5433/outcall')).toEqual({ url: 'postgres://ann@db.example.com:5433/outcall', password: 'p@ss' });
    expect(splitPassword('postgres://ann@db.example.com/outcall?password=hidden&sslmode=require')).toEqual({
      url: 'postgres://ann@db.example.com/outcall?sslmode=require',
      password: 'hidden',
    });
    expect(splitPassword('postgresql://ann@db.example.com/outcall')).toEqual({ url: 'postgresql://ann@db.example.com/outcall', password: null });
  });

  it('refuses a URL that names a file for the driver to read, or is no team database URL', () => {
    expect(() => splitPassword('postgres://ann@db.example.com/outcall?sslrootcert=/etc/shadow')).toThrow(
      'The team database URL may not name a file (sslrootcert): give the certificate to the system instead.',
    );
    expect(() => splitPassword('postgres://ann@db.example.com/outcall?sslkey=/home/ann/.ssh/id_rsa')).toThrow('may not name a file (sslkey)');
    expect(() => splitPassword('postgres://db.example.com')).toThrow('A team database URL names the host and the database');
  });

  it('refuses a URL it cannot read without showing the password typed in it', () => {
    let message = '';
    try {
      splitPassword('postgres://ann:s3cret@db example.com/outcall');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('The team database URL (…db example.com/outcall) is not a URL: write postgres://USER@HOST:PORT/DATABASE.');
  });

  it('answers over IPC with the status in words, and a refused connection names where, not the password', async () => {
    const app = appOver(tempDb().db);
    try {
      expect(await app.api.teamStatus({})).toEqual({
        ok: true,
        value: { status: 'not_connected', url: '', target: null, message: 'Not connected to a team database: this desk works on its own file.', canKeepPassword: false, passwordKept: false },
      });
      const refused = await app.api.connectTeam({ url: 'postgres://ann:s3cret@127.0.0.1:1/outcall', remember: true });
      expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^Cannot connect to the team database 127\.0\.0\.1:1\/outcall: /) });
      expect(JSON.stringify(refused)).not.toContain('s3cret');
      const after = await app.api.teamStatus({});
      expect(after).toMatchObject({ ok: true, value: { status: 'not_connected', message: expect.stringMatching(/^Cannot connect/) } });
      expect(JSON.stringify(after)).not.toContain('s3cret');
      expect(await app.api.teamBoard({ zone: 'Europe/London' })).toEqual({ ok: false, error: 'Not connected to a team database: connect in Settings, Team database.' });
    } finally {
      await app.close();
    }
  });
});
