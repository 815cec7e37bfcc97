import t from 'tap';
import { InvalidTokenReason } from '@harmony-push/shared';
import { hintFor, kindOf, ReasonKind } from '../../src/pushkit/token-reasons';

// What each reason Huawei lists (push-scenariozed-api-response) does to a token: a wrong kind either wipes good tokens
// (a configuration fault read as a dead token) or keeps sending to dead ones.
const EXPECTED: Record<InvalidTokenReason, ReasonKind> = {
  [InvalidTokenReason.TOKEN_FORMAT_ERROR]: ReasonKind.DEAD_TOKEN,
  [InvalidTokenReason.TOKEN_PLATFORM_NOT_SUPPORT]: ReasonKind.DEAD_TOKEN,
  [InvalidTokenReason.NO_PUSH_TYPE_RIGHT]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.NO_RIGHT]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.APP_INFO_ERROR]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.NO_RIGHT_FOR_LIVE_VIEW_EVENT]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.PENALTY]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.DIFFERENT_IMAGE_VERIFY_POLICY]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.NOT_SUPPORT_PLAY_VOICE]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.ATOMIC_UNABLE_SEND_UNSUBSCRIBED_MSG]: ReasonKind.NOT_DELIVERABLE,
  [InvalidTokenReason.COUNTRY_NOT_SUPPORT]: ReasonKind.NOT_DELIVERABLE
};

t.test('every documented reason has its kind', async (t) => {
  for (const reason of Object.values(InvalidTokenReason)) t.equal(kindOf(reason), EXPECTED[reason], reason);
});

t.test('noRight disables a token only where the same request accepted others', async (t) => {
  t.equal(kindOf(InvalidTokenReason.NO_RIGHT, true), ReasonKind.DEAD_TOKEN, 'a token never re-fetched after the NEXT upgrade');
  t.equal(kindOf(InvalidTokenReason.NO_RIGHT, false), ReasonKind.CONFIGURATION, 'nothing accepted: the project lacks the right');
  for (const reason of Object.values(InvalidTokenReason).filter((r) => r !== InvalidTokenReason.NO_RIGHT)) {
    t.equal(kindOf(reason, true), EXPECTED[reason], `${reason} does not depend on the others`);
  }
});

t.test('a reason Huawei adds later leaves the token alone', async (t) => {
  t.equal(kindOf('someNewReason'), ReasonKind.NOT_DELIVERABLE);
  t.equal(kindOf('someNewReason', true), ReasonKind.NOT_DELIVERABLE);
  t.equal(kindOf('constructor'), ReasonKind.NOT_DELIVERABLE, 'an Object.prototype name is not a reason');
});

t.test('every configuration fault has a hint of its own, and anything else a general one', async (t) => {
  const general = 'check the app configuration in AppGallery Connect';
  const configuration = Object.values(InvalidTokenReason).filter((r) => EXPECTED[r] === ReasonKind.CONFIGURATION);
  const hints = configuration.map(hintFor);
  for (const [i, reason] of configuration.entries()) t.not(hints[i], general, `${reason} has its own hint`);
  t.equal(new Set(hints).size, hints.length, 'no two configuration faults share a hint');
  t.match(hintFor(InvalidTokenReason.NO_PUSH_TYPE_RIGHT), /push-type/);
  t.match(hintFor(InvalidTokenReason.NOT_SUPPORT_PLAY_VOICE), /push-type 2/);
  t.match(hintFor(InvalidTokenReason.NO_RIGHT), /another project/);
  t.match(hintFor(InvalidTokenReason.APP_INFO_ERROR), /app information/);
  t.match(hintFor(InvalidTokenReason.NO_RIGHT_FOR_LIVE_VIEW_EVENT), /Live View/);
  t.match(hintFor(InvalidTokenReason.PENALTY), /penalty/);
  t.match(hintFor(InvalidTokenReason.DIFFERENT_IMAGE_VERIFY_POLICY), /image verification/);
  t.equal(hintFor('someNewReason'), general);
  t.equal(hintFor('toString'), general);
});
