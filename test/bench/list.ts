/**
 * The benchmark's record list, made to look like a real one: messy US numbers in many formats,
 * about 5% of rows with no valid number, 3% duplicates of an earlier row's number (written
 * differently), 2% whose number is on a do-not-call list of 100,000 numbers, several numbers in
 * some cells ("... / ... (mobile)"), and the area code in its own column in some rows.
 * Deterministic, so that runs compare.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

const AREAS = ['201', '212', '213', '305', '312', '415', '512', '617', '702', '206', '404', '646', '303', '602', '713', '718'];
const STATES = ['NJ', 'NY', 'CA', 'FL', 'IL', 'CA', 'TX', 'MA', 'NV', 'WA', 'GA', 'NY', 'CO', 'AZ', 'TX', 'NY'];
const TITLES = ['Owner', 'IT Manager', 'CFO', 'Operations Manager', 'Director'];
const INVALID = ['n/a', 'UNKNOWN', '555-0100', '(911) 555-0134', '1-589-233-6081', 'see website', '000-000-0000', '12345'];
export const DNC_SIZE = 100_000;

/** What share of rows is which kind: per 100 rows. */
const kind = (i: number): 'invalid' | 'duplicate' | 'dnc' | 'normal' => {
  // A multiplicative hash spreads the kinds evenly and the same way on every run.
  const h = Math.imul(i + 1, 2_654_435_761) >>> 0;
  const p = h % 100;
  if (p < 5) return 'invalid';
  if (p < 8) return 'duplicate';
  if (p < 10) return 'dnc';
  return 'normal';
};

/** Row i's own number, distinct for every i: area, exchange 200-999, line below 5000. */
function number(i: number, lineOffset = 0): { area: string; exchange: string; line: string; state: string } {
  const a = i % AREAS.length;
  return {
    area: AREAS[a] as string,
    exchange: String(200 + ((i >> 4) % 800)),
    line: String((Math.floor(i / 12_800) % 5000) + lineOffset).padStart(4, '0'),
    state: STATES[a] as string,
  };
}

function formatted(n: { area: string; exchange: string; line: string }, pick: number, extra: number): string {
  const { area, exchange, line } = n;
  switch (pick % 8) {
    case 0: return `(${area}) ${exchange}-${line}`;
    case 1: return `${area}.${exchange}.${line}`;
    case 2: return `+1 ${area} ${exchange} ${line}`;
    case 3: return `1-${area}-${exchange}-${line}`;
    case 4: return `${area}${exchange}${line}`;
    case 5: return `${area}-${exchange}-${line} x${extra}`;
    case 6: return `+1 (${area}) ${exchange}-${line} ext. 12`;
    default: return ` ${area} ${exchange} ${line} `;
  }
}

async function write(out: WriteStream, lines: () => Generator<string>): Promise<void> {
  let buf = '';
  for (const line of lines()) {
    buf += line;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(r));
}

/** Writes the list as CSV and the do-not-call list (one number per line) it is washed against. */
export async function generateList(csv: string, dncFile: string, rows: number): Promise<void> {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const int = (n: number) => Math.floor(rand() * n);
  const dnc: string[] = [];
  await write(createWriteStream(csv), function* () {
    yield 'Company,Contact,Title,Area Code,Phone,State,Employees\n';
    for (let i = 0; i < rows; i++) {
      const k = kind(i);
      let own = i;
      if (k === 'duplicate') {
        // An earlier row that was imported: the same number, in another format.
        own = Math.max(0, i - 1 - int(1000));
        while (own > 0 && kind(own) !== 'normal') own--;
      }
      const n = number(own);
      let area = '';
      let phone: string;
      if (k === 'invalid') phone = INVALID[int(INVALID.length)] as string;
      else {
        if (k === 'dnc') dnc.push(`${n.area}${n.exchange}${n.line}`);
        const style = int(100);
        if (style < 15) {
          // The area code in its own column, the local number beside it.
          area = n.area;
          phone = style < 8 ? `${n.exchange}-${n.line}` : `${n.exchange} ${n.line}`;
        } else phone = formatted(n, int(8), int(900) + 100);
        // Several numbers in one cell: a second line, labelled.
        if (k === 'normal' && style >= 90) phone = `${phone.trim()} / ${formatted(number(i, 5000), int(5), 0)} (mobile)`;
      }
      const cell = /[",]/.test(phone) ? `"${phone}"` : phone;
      yield `"Company ${i}, Inc",Contact ${i},${TITLES[int(TITLES.length)]},${area},${cell},${n.state},${int(200)}\n`;
    }
  });
  // The rest of the do-not-call list: numbers that are on no row (lines 8000 and up).
  for (let i = 0; dnc.length < DNC_SIZE; i++) {
    const n = number(i, 8000);
    dnc.push(`(${n.area}) ${n.exchange}-${n.line}`);
  }
  await write(createWriteStream(dncFile), function* () {
    for (const d of dnc) yield `${d}\n`;
  });
}
