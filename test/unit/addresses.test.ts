import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAddresses } from '../../server/src/markdown/addresses.js';

const addresses = (text: string) => findAddresses(text).map((s) => text.slice(s.start, s.end));

test('web addresses run to the next space, less the punctuation that ends the sentence', () => {
  assert.deepEqual(addresses('See https://belta.by/president/view/1234. Then www.mfa.gov.by, and HTTP://X.ORG/a?b=1!'), [
    'https://belta.by/president/view/1234',
    'www.mfa.gov.by',
    'HTTP://X.ORG/a?b=1',
  ]);
  assert.deepEqual(addresses('(see https://en.wikipedia.org/wiki/Minsk_(city)) and "www.x.org/a".'), [
    'https://en.wikipedia.org/wiki/Minsk_(city)',
    'www.x.org/a',
  ]);
  assert.deepEqual(addresses('at https://x.org<b> and https://y.org\uFFFCcode'), ['https://x.org', 'https://y.org']);
});

test('e-mail addresses, with or without a mailto: scheme; an "@" in a web address is part of it', () => {
  assert.deepEqual(addresses('Write to press@mfa.gov.by. Or mailto:a.b+c@x.org, not @handle, a@b or x@y_.'), [
    'press@mfa.gov.by',
    'mailto:a.b+c@x.org',
  ]);
  assert.deepEqual(addresses('https://x.org/@name and user@host.org'), ['https://x.org/@name', 'user@host.org']);
});

test('no address inside a word, and none without anything after the scheme', () => {
  assert.deepEqual(addresses('awww.x.org xhttps://y.org www. https:// plain prose about 1 March'), []);
});

test('finding addresses is linear in the text, even in text made of their beginnings', () => {
  for (const unit of ['a@', '@a.', 'www.', 'https://', 'a'.repeat(50) + '@']) {
    const small = unit.repeat(20_000);
    const big = unit.repeat(200_000);
    const time = (text: string) => {
      const start = performance.now();
      findAddresses(text);
      return performance.now() - start;
    };
    time(small);
    // Ten times the text: a linear scan takes about ten times as long, a quadratic one a hundred times.
    const [t1, t10] = [Math.min(time(small), time(small)), Math.min(time(big), time(big))];
    assert.ok(t10 < 30 * Math.max(t1, 2), `${JSON.stringify(unit)}: ×20,000 ${t1.toFixed(1)} ms, ×200,000 ${t10.toFixed(1)} ms`);
  }
});
