/**
 * What the team database lets only some roles do (team/roles.ts grants, team/access.ts policies):
 * the server refuses anyone else with a permission error, said here in words naming the role
 * that may, the login and the login's own role.
 */
import { UserError } from '../errors.ts';
import type { Query } from './team-reports.ts';

/** The refusal of `what` to the login in session: only `who` (e.g. "a manager") does it. */
export async function roleRefusal(q: Query, who: string, what: string): Promise<UserError> {
  const [me] = await q<{ login: string; role: string | null }>('SELECT session_user AS login, (SELECT role FROM callers WHERE login = session_user::text) AS role');
  return new UserError(`Only ${who} ${what} on the team database: login ${me?.login ?? '?'} is ${me?.role ? `a ${me.role}` : 'nobody in this team'}.`);
}

/** Does `work`; the server's permission refusal of it becomes roleRefusal's words. */
export async function onlyFor<T>(q: Query, who: string, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if ((e as { code?: string }).code !== '42501' || !(e as Error).message.startsWith('permission denied')) throw e;
    throw await roleRefusal(q, who, what);
  }
}
