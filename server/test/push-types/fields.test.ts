import t from 'tap';
import type { z } from 'zod';
import { argbColor, httpsUrl, intIn, isFilled, maxChars, nonEmptyText, rgbColor } from '../../src/push-types/fields';

/** What the sender reads for `value`: the messages of its issues, none when valid. */
const said = (schema: z.ZodType, value: unknown): string[] => schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

t.test('intIn: an integer within both bounds, the range in the message', async (t) => {
  t.same(said(intIn(1, 99), 1), []);
  t.same(said(intIn(1, 99), 99), []);
  t.same(said(intIn(1, 99), 0), ['must be from 1 to 99']);
  t.same(said(intIn(1, 99), 100), ['must be from 1 to 99']);
  t.same(said(intIn(1, 99), 1.5), ['must be an integer']);
});

t.test('httpsUrl: https:// only', async (t) => {
  t.same(said(httpsUrl, 'https://example.com/a.png'), []);
  for (const url of ['http://example.com/a.png', 'httpsx://example.com/a.png', 'xhttps://example.com/a.png']) {
    t.same(said(httpsUrl, url), ['must be an https:// URL'], url);
  }
});

t.test('colours: #AARRGGBB and #RRGGBB, any case, nothing around them', async (t) => {
  t.same(said(argbColor, '#FF317AF7'), []);
  t.same(said(argbColor, '#ff317af7'), []);
  for (const colour of ['#FF317AF', '#FF317AF7A', 'x#FF317AF7', '#GG317AF7', 'FF317AF7']) {
    t.same(said(argbColor, colour), ['must be a colour #AARRGGBB'], colour);
  }
  t.same(said(rgbColor, '#317aF7'), []);
  for (const colour of ['#317AF', '#317AF7A', 'x#317AF7', '#GG7AF7', '317AF7']) {
    t.same(said(rgbColor, colour), ['must be a colour #RRGGBB'], colour);
  }
});

t.test('texts: at most max characters; a required text is not empty', async (t) => {
  t.same(said(maxChars(3), 'abc'), []);
  t.same(said(maxChars(3), 'abcd'), ['must be at most 3 characters']);
  t.same(said(nonEmptyText(), 'x'.repeat(5000)), [], 'no maximum unless given');
  t.same(said(nonEmptyText(), ''), ['must not be empty']);
  t.same(said(nonEmptyText(2), 'ab'), []);
  t.same(said(nonEmptyText(2), 'abc'), ['must be at most 2 characters']);
});

t.test('isFilled: a string with at least one character', async (t) => {
  t.equal(isFilled('a'), true);
  t.equal(isFilled(''), false);
  t.equal(isFilled(1), false);
  t.equal(isFilled(undefined), false);
  t.equal(isFilled(['a']), false);
});
