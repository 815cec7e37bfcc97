import t from 'tap';
import { Cancellation, CancelledError } from '../../src/index';

t.test('a new cancellation lets work go on until cancel()', async (t) => {
  const cancellation = new Cancellation();
  t.equal(cancellation.isCancelled(), false);
  t.doesNotThrow(() => cancellation.throwIfCancelled());
  cancellation.cancel();
  t.equal(cancellation.isCancelled(), true);
  t.throws(() => cancellation.throwIfCancelled(), CancelledError);
});

t.test('cancel() runs every waiting listener once, in the order they subscribed, already cancelled', async (t) => {
  const cancellation = new Cancellation();
  const heard: string[] = [];
  cancellation.onCancel(() => heard.push(`a ${cancellation.isCancelled()}`));
  cancellation.onCancel(() => heard.push(`b ${cancellation.isCancelled()}`));
  cancellation.cancel();
  cancellation.cancel();
  t.same(heard, ['a true', 'b true']);
});

t.test('an unsubscribed listener is not run; the others still are', async (t) => {
  const cancellation = new Cancellation();
  const heard: string[] = [];
  const unsubscribeA = cancellation.onCancel(() => heard.push('a'));
  cancellation.onCancel(() => heard.push('b'));
  const unsubscribeC = cancellation.onCancel(() => heard.push('c'));
  unsubscribeA();
  unsubscribeC();
  unsubscribeC();
  cancellation.cancel();
  t.same(heard, ['b']);
});

t.test('a listener subscribing after cancel() runs at once, and only then', async (t) => {
  const cancellation = new Cancellation();
  cancellation.cancel();
  const heard: string[] = [];
  const unsubscribe = cancellation.onCancel(() => heard.push('late'));
  t.same(heard, ['late']);
  unsubscribe();
  cancellation.cancel();
  t.same(heard, ['late']);
});
