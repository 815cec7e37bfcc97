import t from 'tap';
import { csvField, csvLine } from '../../src/admin-views/csv';

t.test('CSV fields are quoted when they must be, and never run as formulas', async (t) => {
  t.equal(csvField('plain'), 'plain');
  t.equal(csvField(42), '42');
  t.equal(csvField(undefined), '');
  t.equal(csvField('a,b'), '"a,b"');
  t.equal(csvField('say "hi"'), '"say ""hi"""');
  t.equal(csvField('two\nlines'), '"two\nlines"');
  for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) t.equal(csvField(formula)[0] === "'" || csvField(formula).startsWith(`"'`), true, formula);
  t.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  t.equal(csvLine(['a', 1, undefined, 'b,c']), 'a,1,,"b,c"\r\n');
});
