/**
 * The team importer's SQL (import.ts), run in the import's one transaction. The rows are
 * staged in a temporary table (dropped with the transaction), then checked set-based, in the
 * order the SQLite importer checks a row: no valid number (found while reading), every number
 * on the do-not-call list, a number of a record already in the campaign, a number of an
 * earlier row of the file. A row sharing a number with an earlier row that was itself refused
 * as a duplicate counts as a duplicate of it too (the SQLite importer, row by row, would keep it).
 */

/** The staging table's columns, in the order import.ts writes each COPY line. */
export const STAGED_COLUMNS = 'row, problem, numbers, phones, company, contact, tz, details, cells';

/** Row numbers of the rows not refused yet. */
const NOT_REFUSED = (alias: string) => `NOT EXISTS (SELECT 1 FROM import_rejects j WHERE j.row = ${alias}.row)`;

export const IMPORT_SQL = {
  stage: `CREATE TEMP TABLE import_rows (
    row integer NOT NULL,
    problem text,       -- why the row has no valid number (read on the desk)
    numbers text[],     -- its valid numbers, each once, in the order written
    phones jsonb,       -- [[e164, label, raw, extension], ...] in the same order
    company text, contact text, tz text,
    details jsonb,      -- the record's other columns
    cells text NOT NULL -- JSON: the row as the file has it, for the error report
  ) ON COMMIT DROP`,
  // (phones and details are parsed as the rows arrive, by the COPY, while this side reads on.)

  numbers: `CREATE TEMP TABLE import_numbers ON COMMIT DROP AS
    SELECT s.row, n.e164, n.pos::integer AS pos
    FROM import_rows s, unnest(s.numbers) WITH ORDINALITY AS n(e164, pos) WHERE s.problem IS NULL`,

  rejects: `CREATE TEMP TABLE import_rejects (row integer PRIMARY KEY, reason text NOT NULL, detail text NOT NULL) ON COMMIT DROP`,

  invalid: `INSERT INTO import_rejects SELECT row, 'invalid_phone', problem FROM import_rows WHERE problem IS NOT NULL`,

  // Only rows with a listed number are looked at; a record keeps a listed number beside others
  // (lease_next and begin_dial never offer it). A row's numbers are each once and so are the
  // list's, so a row is refused when as many of its numbers are listed as it has.
  doNotCall: `INSERT INTO import_rejects
    SELECT s.row, 'on_do_not_call',
           array_to_string(s.numbers, ', ') || CASE WHEN cardinality(s.numbers) > 1 THEN ' are' ELSE ' is' END || ' on the do-not-call list'
    FROM (SELECT n.row, count(*) AS listed FROM import_numbers n JOIN dnc USING (e164) GROUP BY n.row) l JOIN import_rows s USING (row)
    WHERE l.listed = cardinality(s.numbers)`,

  // The row's first number (as written) that a record of the campaign has, and that record.
  inCampaign: `INSERT INTO import_rejects
    SELECT DISTINCT ON (n.row) n.row, 'duplicate_in_campaign',
           n.e164 || ' belongs to record ' || r.id || CASE WHEN r.company <> '' THEN ' (' || r.company || ')' ELSE '' END
    FROM import_numbers n JOIN phones p ON p.e164 = n.e164 JOIN records r ON r.id = p.record_id AND r.campaign_id = $1
    WHERE ${NOT_REFUSED('n')}
    ORDER BY n.row, n.pos, r.id`,

  // The row's first number (as written) that an earlier row still standing holds, and that row.
  inFile: `INSERT INTO import_rejects
    SELECT DISTINCT ON (n.row) n.row, 'duplicate_in_file', n.e164 || ' is also on row ' || f.first
    FROM import_numbers n
    JOIN (SELECT e164, min(row) AS first FROM import_numbers n WHERE ${NOT_REFUSED('n')} GROUP BY e164 HAVING count(*) > 1) f
      ON f.e164 = n.e164 AND f.first < n.row
    WHERE ${NOT_REFUSED('n')}
    ORDER BY n.row, n.pos`,

  counts: `SELECT reason, count(*)::integer AS n FROM import_rejects GROUP BY reason`,

  report: `SELECT j.row, j.reason, j.detail, s.cells FROM import_rejects j JOIN import_rows s USING (row) ORDER BY j.row LIMIT $1`,

  /** The rejected row past the limit: the first one too many. */
  nthRejected: `SELECT row FROM import_rejects ORDER BY row OFFSET $1 LIMIT 1`,

  examples: `SELECT row, reason, detail FROM (
    SELECT row, reason, detail, row_number() OVER (PARTITION BY reason ORDER BY row) AS k FROM import_rejects) x
    WHERE k <= 5 ORDER BY row`,

  list: `INSERT INTO lists (campaign_id, name, imported_by, source_file, region, row_count, imported_count)
    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,

  // The records, their ids taken in the list's order (the queue takes fresh records by id), and
  // their numbers, in one statement: no table of ids in between, nor a second pass over the rows.
  records: `WITH made AS (
      INSERT INTO records (campaign_id, list_id, list_row, company, contact_name, timezone, details)
      SELECT $1, $2, s.row, coalesce(s.company, ''), coalesce(s.contact, ''), s.tz, s.details
      FROM import_rows s WHERE s.problem IS NULL AND ${NOT_REFUSED('s')} ORDER BY s.row
      RETURNING id, list_row)
    INSERT INTO phones (record_id, position, e164, label, raw, extension)
    SELECT m.id, p.pos - 1, p.v->>0, p.v->>1, p.v->>2, p.v->>3
    FROM made m JOIN import_rows s ON s.row = m.list_row, jsonb_array_elements(s.phones) WITH ORDINALITY AS p(v, pos)`,
};
