import type { TaskItem } from '../../shared/ipc/types.ts';
import type { DB } from './db/open.ts';
import { iso } from './clock.ts';

export type { TaskItem };

/** Open follow-up tasks, due by `at` and after it (500 of each at most), of one campaign or all. */
export function listTasks(db: DB, at: Date, campaignId?: number): { due: TaskItem[]; upcoming: TaskItem[] } {
  const items = (when: string) =>
    db
      .prepare(
        `SELECT t.id AS taskId, r.id AS recordId, r.campaign_id AS campaignId, c.name AS campaign, r.company,
                r.contact_name AS contactName, t.due_at AS dueAt, r.tz, r.last_result AS lastResult, c.scheme_id AS schemeId
         FROM tasks t JOIN records r ON r.id = t.record_id JOIN campaigns c ON c.id = r.campaign_id
         WHERE t.done_at IS NULL AND t.due_at ${when} ? AND (? IS NULL OR r.campaign_id = ?) ORDER BY t.due_at LIMIT 500`,
      )
      .all(iso(at), campaignId ?? null, campaignId ?? null) as TaskItem[];
  return { due: items('<='), upcoming: items('>') };
}
