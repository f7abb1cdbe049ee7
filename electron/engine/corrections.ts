import type { CountryCode } from 'libphonenumber-js/max';
import type { RecordChange } from '../../shared/ipc/types.ts';
import type { DB } from './db/open.ts';
import { getCampaign } from './campaigns.ts';
import { iso } from './clock.ts';
import { UserError } from './errors.ts';
import { normalizePhone, regionFromCountry } from './phones.ts';
import { getRecordRow, recordChanges } from './records.ts';
import { promptly } from './db/promptly.ts';


/** The label a decision maker's direct line gets among the record's numbers. */
export const DIRECT_LINE_LABEL = 'DM direct line';

/**
 * What a caller corrects on a record while working it: a wrong number fixed, a number added,
 * the decision maker's name, role and direct line. Every change is kept in `record_changes`.
 */
export interface RecordCorrection {
  /** Replace the record's number at this place in its list of numbers (0 = the first). */
  fixPhone?: { index: number; number: string };
  addPhone?: { number: string; label?: string };
  dmName?: string;
  dmRole?: string;
  dmDirectLine?: string;
}

interface PhoneRow {
  id: number;
  position: number;
  label: string;
  raw: string;
  e164: string | null;
}

/**
 * Applies a correction in one transaction: every number is checked (valid, in E.164 with the
 * record's country or the campaign's region, not already one of the record's) before anything
 * is written, so a refused correction changes nothing.
 */
export function correctRecord(db: DB, recordId: number, fix: RecordCorrection, by: string, now = new Date()): RecordChange[] {
  const record = getRecordRow(db, recordId);
  const region: CountryCode = regionFromCountry(record.country) ?? getCampaign(db, record.campaign_id).region;
  const phones = db
    .prepare('SELECT id, position, label, raw, e164 FROM phones WHERE record_id = ? ORDER BY position')
    .all(recordId) as PhoneRow[];
  const problems: { field: string; message: string }[] = [];
  const read = (field: string, raw: string) => {
    const n = normalizePhone(raw, region);
    if (!n.ok) {
      problems.push({ field, message: `${field === 'dmDirectLine' ? 'Direct line' : 'Number'}: ${n.reason} (read as a ${region} number unless it starts with +).` });
      return null;
    }
    return n;
  };
  const fixed = fix.fixPhone ? read('fixPhone', fix.fixPhone.number) : null;
  const target = fix.fixPhone ? phones[fix.fixPhone.index] : undefined;
  if (fix.fixPhone && !target) problems.push({ field: 'fixPhone', message: `This record has no number ${fix.fixPhone.index + 1}.` });
  const added = fix.addPhone ? read('addPhone', fix.addPhone.number) : null;
  const directLine = fix.dmDirectLine?.trim() ? read('dmDirectLine', fix.dmDirectLine) : null;
  const existingDirect = phones.find((p) => p.label === DIRECT_LINE_LABEL);

  // A number may appear once on a record: compare with the numbers it keeps.
  const kept = new Set(phones.filter((p) => p !== target && p !== (directLine ? existingDirect : undefined)).map((p) => p.e164));
  for (const [field, n] of [['fixPhone', fixed], ['addPhone', added], ['dmDirectLine', directLine]] as const) {
    if (!n) continue;
    if (kept.has(n.e164)) problems.push({ field, message: `${n.e164} is already a number of this record.` });
    kept.add(n.e164);
  }
  const dmName = fix.dmName?.trim();
  const dmRole = fix.dmRole?.trim();
  const changing = fixed || added || directLine || (dmName !== undefined && dmName !== record.contact_name) || (dmRole !== undefined && dmRole !== record.title);
  if (problems.length === 0 && !changing) problems.push({ field: 'record', message: 'Nothing to change: type a number, a name or a role first.' });
  if (problems.length > 0) throw new UserError(problems.map((p) => p.message).join(' '), problems);

  const at = iso(now);
  // A caller is waiting: the write lock is tried every millisecond while an import runs.
  promptly(db, db.transaction(() => {
    const log = db.prepare('INSERT INTO record_changes (record_id, at, by, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)');
    const onDnc = (e164: string) => (db.prepare('SELECT 1 FROM dnc WHERE e164 = ?').get(e164) === undefined ? 0 : 1);
    const update = db.prepare('UPDATE phones SET raw = ?, e164 = ?, extension = ?, on_dnc = ?, label = ? WHERE id = ?');
    let position = phones.reduce((max, p) => Math.max(max, p.position), -1);
    const insert = (label: string, raw: string, n: NonNullable<typeof added>) =>
      db
        .prepare('INSERT INTO phones (record_id, campaign_id, position, label, raw, e164, extension, on_dnc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(recordId, record.campaign_id, ++position, label, raw.trim(), n.e164, n.extension ?? null, onDnc(n.e164));
    if (fixed && target && fix.fixPhone) {
      update.run(fix.fixPhone.number.trim(), fixed.e164, fixed.extension ?? null, onDnc(fixed.e164), target.label, target.id);
      log.run(recordId, at, by, 'phone', target.e164 ?? target.raw, fixed.e164);
    }
    if (added && fix.addPhone) {
      insert(fix.addPhone.label?.trim() ?? '', fix.addPhone.number, added);
      log.run(recordId, at, by, 'phone', '', added.e164);
    }
    if (directLine && fix.dmDirectLine) {
      if (existingDirect) update.run(fix.dmDirectLine.trim(), directLine.e164, directLine.extension ?? null, onDnc(directLine.e164), DIRECT_LINE_LABEL, existingDirect.id);
      else insert(DIRECT_LINE_LABEL, fix.dmDirectLine, directLine);
      log.run(recordId, at, by, 'direct_line', existingDirect?.e164 ?? '', directLine.e164);
    }
    if (dmName !== undefined && dmName !== record.contact_name) {
      db.prepare('UPDATE records SET contact_name = ? WHERE id = ?').run(dmName, recordId);
      log.run(recordId, at, by, 'contact_name', record.contact_name, dmName);
    }
    if (dmRole !== undefined && dmRole !== record.title) {
      db.prepare('UPDATE records SET title = ? WHERE id = ?').run(dmRole, recordId);
      log.run(recordId, at, by, 'title', record.title, dmRole);
    }
    db.prepare(
      `UPDATE records SET dialable = (SELECT count(*) FROM phones p WHERE p.record_id = records.id AND p.e164 IS NOT NULL AND p.on_dnc = 0) WHERE id = ?`,
    ).run(recordId);
  }));
  return recordChanges(db, recordId);
}
