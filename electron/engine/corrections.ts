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

/** A number of a record as a correction sees it. */
export interface CorrectablePhone {
  label: string;
  raw: string;
  e164: string | null;
}

/** A number the correction writes: over `target` (one of the record's), or a new one when null. */
export interface PlannedPhone<P extends CorrectablePhone> {
  target: P | null;
  field: 'phone' | 'direct_line';
  /** What the change log keeps as the value before. */
  old: string;
  e164: string;
  raw: string;
  extension: string | null;
  label: string;
}

/** What a checked correction changes; a name or role only when it differs. */
export interface CorrectionPlan<P extends CorrectablePhone> {
  phones: PlannedPhone<P>[];
  contactName?: string;
  title?: string;
}

/**
 * Checks a correction against the record as it is (the same for both stores): every number is
 * read (valid, in E.164 with `region` unless it starts with +, not already one of the record's)
 * and anything wrong is refused at once, naming the field, before anything is written.
 */
export function planCorrection<P extends CorrectablePhone>(
  fix: RecordCorrection,
  record: { phones: readonly P[]; contactName: string; title: string; region: CountryCode },
): CorrectionPlan<P> {
  const { phones, region } = record;
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
  const plan: CorrectionPlan<P> = { phones: [] };
  if (dmName !== undefined && dmName !== record.contactName) plan.contactName = dmName;
  if (dmRole !== undefined && dmRole !== record.title) plan.title = dmRole;
  const number = (n: NonNullable<typeof added>) => ({ e164: n.e164, extension: n.extension ?? null });
  if (fixed && target && fix.fixPhone) {
    plan.phones.push({ target, field: 'phone', old: target.e164 ?? target.raw, raw: fix.fixPhone.number.trim(), label: target.label, ...number(fixed) });
  }
  if (added && fix.addPhone) plan.phones.push({ target: null, field: 'phone', old: '', raw: fix.addPhone.number.trim(), label: fix.addPhone.label?.trim() ?? '', ...number(added) });
  if (directLine && fix.dmDirectLine) {
    plan.phones.push({
      target: existingDirect ?? null, field: 'direct_line', old: existingDirect?.e164 ?? '', raw: fix.dmDirectLine.trim(), label: DIRECT_LINE_LABEL, ...number(directLine),
    });
  }
  const changing = plan.phones.length > 0 || plan.contactName !== undefined || plan.title !== undefined;
  if (problems.length === 0 && !changing) problems.push({ field: 'record', message: 'Nothing to change: type a number, a name or a role first.' });
  if (problems.length > 0) throw new UserError(problems.map((p) => p.message).join(' '), problems);
  return plan;
}

/** Applies a correction (planCorrection) in one transaction; a refused correction changes nothing. */
export function correctRecord(db: DB, recordId: number, fix: RecordCorrection, by: string, now = new Date()): RecordChange[] {
  const record = getRecordRow(db, recordId);
  const region: CountryCode = regionFromCountry(record.country) ?? getCampaign(db, record.campaign_id).region;
  const phones = db
    .prepare('SELECT id, position, label, raw, e164 FROM phones WHERE record_id = ? ORDER BY position')
    .all(recordId) as PhoneRow[];
  const plan = planCorrection(fix, { phones, contactName: record.contact_name, title: record.title, region });

  const at = iso(now);
  // A caller is waiting: the write lock is tried every millisecond while an import runs.
  promptly(db, db.transaction(() => {
    const log = db.prepare('INSERT INTO record_changes (record_id, at, by, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)');
    const onDnc = (e164: string) => (db.prepare('SELECT 1 FROM dnc WHERE e164 = ?').get(e164) === undefined ? 0 : 1);
    const update = db.prepare('UPDATE phones SET raw = ?, e164 = ?, extension = ?, on_dnc = ?, label = ? WHERE id = ?');
    const insert = db.prepare('INSERT INTO phones (record_id, campaign_id, position, label, raw, e164, extension, on_dnc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    let position = phones.reduce((max, p) => Math.max(max, p.position), -1);
    for (const p of plan.phones) {
      if (p.target) update.run(p.raw, p.e164, p.extension, onDnc(p.e164), p.label, p.target.id);
      else insert.run(recordId, record.campaign_id, ++position, p.label, p.raw, p.e164, p.extension, onDnc(p.e164));
      log.run(recordId, at, by, p.field, p.old, p.e164);
    }
    if (plan.contactName !== undefined) {
      db.prepare('UPDATE records SET contact_name = ? WHERE id = ?').run(plan.contactName, recordId);
      log.run(recordId, at, by, 'contact_name', record.contact_name, plan.contactName);
    }
    if (plan.title !== undefined) {
      db.prepare('UPDATE records SET title = ? WHERE id = ?').run(plan.title, recordId);
      log.run(recordId, at, by, 'title', record.title, plan.title);
    }
    db.prepare(
      `UPDATE records SET dialable = (SELECT count(*) FROM phones p WHERE p.record_id = records.id AND p.e164 IS NOT NULL AND p.on_dnc = 0) WHERE id = ?`,
    ).run(recordId);
  }));
  return recordChanges(db, recordId);
}
