// The packaged CLI defers mailparser's linkify-it instance (scripts/lib/deferred-instance.ts): built
// at first use, with the setup calls replayed. It must find what an instance built at once finds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import LinkifyIt from 'linkify-it';
import { describe, expect, it } from 'vitest';
import { deferredInstance } from '../../scripts/lib/deferred-instance.js';

const SETUP = new Set(['tlds', 'add', 'set']);
const TLDS = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'tlds', 'index.json'), 'utf8'),
) as string[];

/** mailparser's setup of its instance, applied to either. */
function configured(linkify: LinkifyIt): LinkifyIt {
  return linkify
    .tlds(TLDS)
    .tlds('onion', true)
    .add('git:', 'http:')
    .add('ftp:', null)
    .set({ fuzzyIP: true, fuzzyLink: true, fuzzyEmail: true });
}

describe('deferredInstance', () => {
  it('builds nothing until something other than setup is used, then replays the setup in order', () => {
    let built = 0;
    const deferred = configured(
      deferredInstance(() => {
        built++;
        return new LinkifyIt();
      }, SETUP),
    );
    expect(built).toBe(0);
    const eager = configured(new LinkifyIt());
    for (const text of [
      'Track it at shop.example.onion/t/88 or git://repo.example.com, mail care@shop.example.com',
      'ftp://old.example.com is off; 192.168.0.12 and www.example.co.uk are fuzzy links',
      'no link here at all',
    ]) {
      expect(deferred.test(text)).toBe(eager.test(text));
      expect(deferred.match(text)).toEqual(eager.match(text));
    }
    expect(built).toBe(1);
  });
});
