import { describe, expect, it } from 'vitest';
import { firstEmail, mailtoUrl } from '../../shared/email.ts';

describe('the intro email goes to exactly one address', () => {
  it.each([
    ['jo@first.example', 'jo@first.example'],
    ['  jo@first.example  ', 'jo@first.example'],
    ['a@x.example,b@evil.example', 'a@x.example'],
    ['a@x.example;b@evil.example', 'a@x.example'],
    ['a@x.example, b@evil.example', 'a@x.example'],
    ['Jo Smith <jo@first.example>', 'jo@first.example'],
    ['"x"@y <b@evil.example>', 'b@evil.example'],
    ['not an address, jo@first.example', 'jo@first.example'],
    ['a@x.example?cc=b@evil.example', null],
    ['a@x.example%2Cb@evil.example', null],
    ['', null],
  ])('%j -> %j', (field, address) => {
    expect(firstEmail(field)).toBe(address);
  });

  it('a mailto: URL names one recipient and encodes subject and body', () => {
    const url = mailtoUrl(firstEmail('a@x.example,b@evil.example'), 'Hi & bye', 'Line one\nbcc=b@evil.example');
    expect(url).toBe('mailto:a@x.example?subject=Hi%20%26%20bye&body=Line%20one%0Abcc%3Db%40evil.example');
    expect(new URL(url).pathname).toBe('a@x.example');
    expect(mailtoUrl(null, 's', 'b')).toBe('mailto:?subject=s&body=b');
  });
});
