import t from 'tap';
import { decodeCursor, encodeCursor } from '../../src/registry/cursor';

t.test('a cursor carries the id it was made from', async (t) => {
  for (const id of ['1', '42', '9223372036854775807']) t.equal(decodeCursor(encodeCursor(id)), id);
});

t.test('anything else is not a cursor', async (t) => {
  const bad = [
    encodeCursor('9223372036854775808'), // one past the largest bigint
    encodeCursor('9999999999999999999'),
    encodeCursor('12345678901234567890'), // 20 digits
    encodeCursor('-1'),
    encodeCursor('1.5'),
    encodeCursor(''),
    encodeCursor('abc'),
    `${encodeCursor('1')}==`, // the same id, not as this API writes it
    '!!',
    ''
  ];
  for (const cursor of bad) t.equal(decodeCursor(cursor), undefined, JSON.stringify(cursor));
});
