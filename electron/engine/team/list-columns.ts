/**
 * What a list brings into team mode beyond a record's company, contact and zone (migration 7):
 * the row it came from, its other columns, each number as written with its label and
 * extension, and each list's file, region and counts. The importer (import.ts) fills them.
 */
export const LIST_COLUMNS = `
ALTER TABLE lists
  ADD COLUMN source_file text NOT NULL DEFAULT '' CHECK (length(source_file) <= 4096),
  ADD COLUMN region text CHECK (region ~ '^[A-Z]{2}$'),
  ADD COLUMN row_count integer,
  ADD COLUMN imported_count integer;

ALTER TABLE records
  -- The row of the list file the record came from, as a spreadsheet numbers it.
  ADD COLUMN list_row integer,
  -- The list's other columns (title, email, address, ...), and its own columns under "custom".
  ADD COLUMN details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object');

ALTER TABLE phones
  ADD COLUMN raw text NOT NULL DEFAULT '' CHECK (length(raw) <= 10000),
  ADD COLUMN extension text CHECK (length(extension) <= 40);
`;
