import { z } from 'zod';
import {
  CapsuleRemind,
  CapsuleStatus,
  CapsuleType,
  ClickActionType,
  LiveViewEvent,
  LiveViewExtendType,
  LiveViewLayout,
  LiveViewOperation,
  type ActivityData,
  type CapsuleData,
  type CapsuleProgress,
  type CapsuleTimer,
  type Competition,
  type ExternalData,
  type FirstTextBlock,
  type Game,
  type Geofence,
  type LastTextBlock,
  type LiveViewExtend,
  type LiveViewLockScreen,
  type LiveViewNotificationData,
  type LiveViewPayload,
  type RichProgress,
  type RichText,
  type SingleTextBlock,
  type Team,
  type Trigger,
  type Weather
} from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { pushKitObject } from '../pushkit/spec-choices';
import { clickAction, notificationClickAction } from './click-action';
import { INT32_MAX, INT32_MIN, argbColor, intIn, isFilled, maxChars, nonEmptyText, rgbColor } from './fields';
import { evenWithOtherIssues, fail } from './issues';
import { liveViewRules } from './live-view-create';

const richText = implementsContract<RichText>()(
  pushKitObject({ text: z.string(), foregroundColor: argbColor.optional() })
);

/**
 * Rich text runs: at most `max` characters in total, and one colour for all runs that set one. Zod runs this only
 * when every run has its text (a run that is no object, or whose text is no string, aborts the array).
 */
const richTextRuns = (max = Infinity) =>
  z.array(richText).superRefine((runs, ctx) => {
    if (runs.reduce((total, run) => total + run.text.length, 0) > max) {
      fail(ctx, [], `must hold at most ${max} characters of text in total`);
    }
    const colours = new Set(runs.map((run) => run.foregroundColor).filter((colour) => colour !== undefined));
    if (colours.size > 1) fail(ctx, [], 'must use one foregroundColor for every run');
  });

const richProgress = implementsContract<RichProgress>()(
  pushKitObject({
    indicatorIcon: z.string().optional(),
    progress: intIn(0, 100),
    color: argbColor.optional(),
    bgColor: argbColor.optional(),
    nodeIcons: z.array(z.string()).min(2, 'must have 2 to 5 icons').max(5, 'must have 2 to 5 icons').optional(),
    type: intIn(0, 2).optional(),
    indicatorType: intIn(0, 2).optional()
  })
);

const textLine = nonEmptyText(128);

const singleTextBlock = implementsContract<SingleTextBlock>()(
  pushKitObject({ firstLine: textLine, secondLine: textLine, underlineColor: argbColor.optional() })
);

const firstTextBlock = implementsContract<FirstTextBlock>()(
  pushKitObject({ firstLine: textLine, secondLine: textLine })
);

const lastTextBlock = implementsContract<LastTextBlock>()(
  pushKitObject({
    firstLine: textLine,
    secondLine: textLine,
    firstLineSuperscript: z.string().optional(),
    secondLineSuperscript: z.string().optional()
  })
);

const liveViewExtend = implementsContract<LiveViewExtend>()(
  pushKitObject({
    type: z.enum(LiveViewExtendType).optional(),
    text: z.string().optional(),
    pic: z.string().optional(),
    image: z.string().optional(),
    clickAction: clickAction([
      ClickActionType.HOME_PAGE,
      ClickActionType.CUSTOM_PAGE,
      ClickActionType.CLEAR_NOTIFICATION,
      ClickActionType.DIAL
    ]).optional()
  }).superRefine((extend, ctx) => {
    const type = extend.type;
    if ((type === LiveViewExtendType.TEXT || type === LiveViewExtendType.CAPSULE_TEXT) && !isFilled(extend.text)) {
      fail(ctx, ['text'], 'is required (non-empty) with extend type 1 or 2');
    }
    const pictured = type === LiveViewExtendType.PICTURE || type === LiveViewExtendType.ICON;
    if (pictured && !isFilled(extend.image) && !isFilled(extend.pic)) {
      fail(ctx, ['image'], 'image (or pic) is required (non-empty) with extend type 3 or 4');
    }
  }, evenWithOtherIssues)
);

const team = implementsContract<Team>()(
  pushKitObject({ icon: z.string().optional(), name: z.string().optional(), score: z.string().optional() })
);

const competition = implementsContract<Competition>()(
  pushKitObject({ desc: z.string().optional(), richDesc: richTextRuns().optional(), time: z.string().optional() })
);

const game = implementsContract<Game>()(pushKitObject({ host: team, guest: team, competition }));

const lockScreen = implementsContract<LiveViewLockScreen>()(pushKitObject({ picture: z.string().optional() }));

/** Illegal weather values only hide the weather on the device, so they are not refused. */
const weather = implementsContract<Weather>()(
  pushKitObject({
    weatherType: z.number().int().optional(),
    locationType: z.number().int().optional(),
    highTemperature: z.number().int().optional(),
    lowTemperature: z.number().int().optional()
  })
);

/** The block each layout needs. */
const LAYOUT_BLOCKS: Partial<Record<LiveViewLayout, (keyof LiveViewNotificationData)[]>> = {
  [LiveViewLayout.PROGRESS]: ['richProgress'],
  [LiveViewLayout.EMPHASIZED_TEXT]: ['singleTextBlock'],
  [LiveViewLayout.LEFT_RIGHT_TEXT]: ['firstTextBlock', 'lastTextBlock'],
  [LiveViewLayout.SCORE]: ['game']
};

const liveViewNotificationData = implementsContract<LiveViewNotificationData>()(
  pushKitObject({
    // Any integer: on an update, a layout the device does not know falls back to the basic template
    // (push-scenariozed-api-request-param, notificationData.type); a create needs a known one (createRules).
    type: z.number().int('must be an integer'),
    keywords: z.record(z.string(), z.string()).optional(),
    additionalText: z.string().optional(),
    keepTime: intIn(0, 3600).optional(),
    contentTitle: maxChars(1024).optional(),
    contentText: richTextRuns(1024).optional(),
    richProgress: richProgress.optional(),
    singleTextBlock: singleTextBlock.optional(),
    firstTextBlock: firstTextBlock.optional(),
    lastTextBlock: lastTextBlock.optional(),
    displayHorizontalLine: z.boolean().optional(),
    spaceIcon: z.string().optional(),
    spaceText: z.string().optional(),
    style: intIn(0, 1).optional(),
    spaceType: intIn(0, 1).optional(),
    extend: liveViewExtend.optional(),
    game: game.optional(),
    descPic: z.string().optional(),
    clickAction: notificationClickAction,
    lockScreen: lockScreen.optional(),
    weather: weather.optional(),
    backgroundType: z.number().int().optional()
  }).superRefine((data, ctx) => {
    for (const block of LAYOUT_BLOCKS[data.type as LiveViewLayout] ?? []) {
      if (data[block] === undefined) fail(ctx, [block], `is required with layout type ${data.type}`);
    }
  }, evenWithOtherIssues)
);

/** The capsule colours Huawei forbids, as they clash with the capsule's own. */
const FORBIDDEN_CAPSULE_COLOURS = ['#FF000000', '#FFFFFFFF', '#FFF1F3F5'];

const capsuleTimer = implementsContract<CapsuleTimer>()(
  pushKitObject({ time: intIn(0, Number.MAX_SAFE_INTEGER).optional(), countDown: z.boolean().optional(), pause: z.boolean().optional() })
);

const capsuleProgress = implementsContract<CapsuleProgress>()(
  pushKitObject({ max: intIn(1, INT32_MAX).optional(), progress: intIn(0, INT32_MAX), indeterminate: z.boolean().optional() })
    .superRefine((progress, ctx) => {
      if (progress.progress > (progress.max ?? 1)) fail(ctx, ['progress'], 'must not exceed max (default 1)');
    })
);

const capsuleData = implementsContract<CapsuleData>()(
  pushKitObject({
    type: z.enum(CapsuleType),
    status: z.enum(CapsuleStatus),
    icon: nonEmptyText(),
    bgColor: argbColor.refine(
      (colour) => !FORBIDDEN_CAPSULE_COLOURS.includes(colour.toUpperCase()),
      `must not be ${FORBIDDEN_CAPSULE_COLOURS.join(', ')}`
    ),
    remind: z.enum(CapsuleRemind).optional(),
    title: maxChars(128).optional(),
    content: maxChars(128).optional(),
    capsuleTimer: capsuleTimer.optional(),
    progress: capsuleProgress.optional()
  }).superRefine((capsule, ctx) => {
    if (capsule.type === CapsuleType.TIMER && capsule.capsuleTimer === undefined) {
      fail(ctx, ['capsuleTimer'], 'is required with capsule type 2');
    }
    if (capsule.type === CapsuleType.PROGRESS && capsule.progress === undefined) {
      fail(ctx, ['progress'], 'is required with capsule type 3');
    }
  }, evenWithOtherIssues)
);

const externalData = implementsContract<ExternalData>()(
  pushKitObject({
    type: intIn(0, 1).optional(),
    bgColor: rgbColor.optional(),
    bgImage: z.string().optional(),
    title: maxChars(128).optional(),
    body: richTextRuns(128).optional()
  })
);

const activityData = implementsContract<ActivityData>()(
  pushKitObject({
    notificationData: liveViewNotificationData,
    capsuleData: capsuleData.optional(),
    externalData: externalData.optional()
  })
);

const geofence = implementsContract<Geofence>()(
  pushKitObject({
    longitude: z.number().min(-180, 'must be from -180 to 180').max(180, 'must be from -180 to 180'),
    latitude: z.number().min(-90, 'must be from -90 to 90').max(90, 'must be from -90 to 90'),
    coordinateSystemType: intIn(1, 2),
    monitorEvent: intIn(1, 2),
    radius: z.number().min(200, 'must be from 200 to 2000 m').max(2000, 'must be from 200 to 2000 m'),
    delayTime: intIn(0, 300).optional()
  })
);

const trigger = implementsContract<Trigger>()(
  pushKitObject({ type: intIn(1, 1), condition: geofence, displayTime: intIn(15, 1800).optional() })
);

/** Push-type 7. */
export const liveViewPayload = implementsContract<LiveViewPayload>()(
  pushKitObject({
    activityId: intIn(INT32_MIN, INT32_MAX),
    operation: z.enum(LiveViewOperation),
    event: z.enum(LiveViewEvent),
    status: z.string().optional(),
    title: z.string().optional(),
    content: z.string().optional(),
    mute: z.boolean().optional(),
    version: intIn(0, INT32_MAX).optional(),
    activityData,
    trigger: trigger.optional()
  }).superRefine(liveViewRules, evenWithOtherIssues)
);
