import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvText } from '../../shared/csv.ts';

describe('the one CSV writer', () => {
  it('neutralises text that a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+cmd')).toBe(`"'+cmd"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    // Text that only looks numeric is user data too: a phone written "+61 2 9999 0000".
    expect(csvCell('+61 2 9999 0000')).toBe(`"'+61 2 9999 0000"`);
  });

  it('keeps numbers the app computed as numbers, and plain text as it was', () => {
    expect(csvLine([8, -1.5, 0, 'Alice', '2026-11-23 12:00', null, undefined])).toBe('8,-1.5,0,Alice,2026-11-23 12:00,,');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell("O'Brien")).toBe("O'Brien");
  });

  it('quotes delimiters, quotes and line breaks (RFC 4180) and ends every line with CRLF', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines'])).toBe('"a,b","say ""hi""","two\nlines"');
    expect(csvText([['h1', 'h2'], [1, '=x']])).toBe(`h1,h2\r\n1,"'=x"\r\n`);
  });
});
