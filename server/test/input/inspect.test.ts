import t from 'tap';
import { MAX_JSON_DEPTH, inspectInput } from '../../src/input/inspect';
import { textProblem } from '../../src/input/text';

t.test('strings PostgreSQL cannot store are named; any other Unicode passes', async (t) => {
  t.match(textProblem('a\u0000b'), /NUL/);
  t.match(textProblem('\udc00x'), /lone surrogate/);
  t.match(textProblem('x\ud800'), /lone surrogate/);
  t.match(textProblem('\ud800\ud800\udc00'), /lone surrogate/, 'a high surrogate followed by a pair');
  for (const fine of ['', 'plain', '😀 emoji pair', '中文', '\u202e\u200b', '\ufffd', 'tab\tnewline\n']) {
    t.equal(textProblem(fine), undefined, JSON.stringify(fine));
  }
});

t.test('every bad string, value or key, is named by its path', async (t) => {
  const details = inspectInput(
    { a: 'ok', b: ['fine', 'x\u0000'], c: { 'k\udc00': 1, d: { e: '\ud800' } }, n: 1, z: null, f: true },
    'body'
  );
  t.same(
    details.map((detail) => detail.path).sort(),
    ['body.b.1', 'body.c', 'body.c.d.e'],
    'values by their path, keys by the object holding them'
  );
  t.match(details.find((detail) => detail.path === 'body.c'), { message: /keys must not contain lone surrogates/ });
  t.same(inspectInput({ ok: ['a', { b: 'c' }] }, 'body'), [], 'nothing to say about a clean body');
  t.same(inspectInput('\u0000', 'querystring'), [{ path: 'querystring', message: 'must not contain NUL characters' }]);
});

t.test('__proto__ keys are refused', async (t) => {
  t.same(inspectInput(JSON.parse('{"a":{"__proto__":{"x":1}}}'), 'body'), [{ path: 'body.a', message: 'keys must not be "__proto__"' }]);
});

t.test('nesting is bounded, without recursion', async (t) => {
  const nest = (depth: number) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };
  t.same(inspectInput(nest(MAX_JSON_DEPTH), 'body'), [], `${MAX_JSON_DEPTH} levels are fine`);
  const deep = inspectInput(nest(MAX_JSON_DEPTH + 1), 'body');
  t.equal(deep.length, 1);
  t.match(deep[0].message, `deeper than ${MAX_JSON_DEPTH}`);
  t.equal(inspectInput(nest(1_000_000), 'body').length, 1, 'a million levels: one problem, no stack overflow');
});

t.test('a hostile body gets a bounded list of problems', async (t) => {
  const details = inspectInput(Array.from({ length: 10_000 }, () => '\u0000'), 'body');
  t.ok(details.length > 0 && details.length <= 20, `${details.length} problems listed`);
});
