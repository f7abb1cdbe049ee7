import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import type { Mapping } from './import/mapping.ts';

/** Named column mappings, so a list from the same source maps the same way next time. */
export function saveTemplate(db: DB, name: string, mapping: Mapping, now = new Date()): void {
  if (!name.trim()) throw new UserError('A template needs a name.');
  db.prepare(
    `INSERT INTO import_templates (name, mapping, created_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping`,
  ).run(name.trim(), JSON.stringify(mapping), iso(now));
}

export function loadTemplate(db: DB, name: string): Mapping {
  const row = db.prepare('SELECT mapping FROM import_templates WHERE name = ?').pluck().get(name.trim()) as string | undefined;
  if (row === undefined) {
    const names = db.prepare('SELECT name FROM import_templates ORDER BY name').pluck().all() as string[];
    throw new UserError(`There is no import template called "${name}".${names.length ? ` Saved templates: ${names.join(', ')}.` : ''}`);
  }
  return JSON.parse(row) as Mapping;
}

export function listTemplates(db: DB): { name: string; mapping: Mapping }[] {
  return (db.prepare('SELECT name, mapping FROM import_templates ORDER BY name').all() as { name: string; mapping: string }[]).map(
    (r) => ({ name: r.name, mapping: JSON.parse(r.mapping) as Mapping }),
  );
}
