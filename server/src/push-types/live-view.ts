import { z } from 'zod';
import {
  CapsuleRemind,
  CapsuleStatus,
  CapsuleType,
  ClickActionType,
  FlightStatus,
  LiveViewEvent,
  LiveViewExtendType,
  LiveViewLayout,
  LiveViewOperation,
  TaxiStatus,
  TrainStatus,
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
import { LIVE_VIEW_CREATE_EVENTS, pushKitObject } from '../pushkit/spec-choices';
import { clickAction, notificationClickAction } from './click-action';
import { INT32_MAX, INT32_MIN, argbColor, intIn, isFilled, maxChars, nonEmptyText, rgbColor } from './fields';
import { evenWithOtherIssues, fail, type RuleContext } from './issues';

export const richText = implementsContract<RichText>()(
  pushKitObject({ text: z.string(), foregroundColor: argbColor.optional() })
);

/**
 * Rich text runs: at most `max` characters in total, and one colour for all runs that set one. Zod runs this even
 * when a run is malformed, hence the type checks.
 */
const richTextRuns = (max = Infinity) =>
  z.array(richText).superRefine((runs, ctx) => {
    const texts = runs.map((run) => (typeof run?.text === 'string' ? run.text : ''));
    if (texts.reduce((total, text) => total + text.length, 0) > max) {
      fail(ctx, [], `must hold at most ${max} characters of text in total`);
    }
    const colours = new Set(runs.map((run) => run?.foregroundColor).filter((colour) => typeof colour === 'string'));
    if (colours.size > 1) fail(ctx, [], 'must use one foregroundColor for every run');
  });

export const richProgress = implementsContract<RichProgress>()(
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

export const singleTextBlock = implementsContract<SingleTextBlock>()(
  pushKitObject({ firstLine: textLine, secondLine: textLine, underlineColor: argbColor.optional() })
);

export const firstTextBlock = implementsContract<FirstTextBlock>()(
  pushKitObject({ firstLine: textLine, secondLine: textLine })
);

export const lastTextBlock = implementsContract<LastTextBlock>()(
  pushKitObject({
    firstLine: textLine,
    secondLine: textLine,
    firstLineSuperscript: z.string().optional(),
    secondLineSuperscript: z.string().optional()
  })
);

export const liveViewExtend = implementsContract<LiveViewExtend>()(
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

export const team = implementsContract<Team>()(
  pushKitObject({ icon: z.string().optional(), name: z.string().optional(), score: z.string().optional() })
);

export const competition = implementsContract<Competition>()(
  pushKitObject({ desc: z.string().optional(), richDesc: richTextRuns().optional(), time: z.string().optional() })
);

export const game = implementsContract<Game>()(pushKitObject({ host: team, guest: team, competition }));

export const lockScreen = implementsContract<LiveViewLockScreen>()(pushKitObject({ picture: z.string().optional() }));

/** Illegal weather values only hide the weather on the device, so they are not refused. */
export const weather = implementsContract<Weather>()(
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

export const liveViewNotificationData = implementsContract<LiveViewNotificationData>()(
  pushKitObject({
    type: z.enum(LiveViewLayout),
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
    for (const block of LAYOUT_BLOCKS[data.type] ?? []) {
      if (data[block] === undefined) fail(ctx, [block], `is required with layout type ${data.type}`);
    }
  }, evenWithOtherIssues)
);

/** The capsule colours Huawei forbids, as they clash with the capsule's own. */
const FORBIDDEN_CAPSULE_COLOURS = ['#FF000000', '#FFFFFFFF', '#FFF1F3F5'];

export const capsuleTimer = implementsContract<CapsuleTimer>()(
  pushKitObject({ time: intIn(0, Number.MAX_SAFE_INTEGER).optional(), countDown: z.boolean().optional(), pause: z.boolean().optional() })
);

export const capsuleProgress = implementsContract<CapsuleProgress>()(
  pushKitObject({ max: intIn(1, INT32_MAX).optional(), progress: intIn(0, INT32_MAX), indeterminate: z.boolean().optional() })
    .superRefine((progress, ctx) => {
      if (progress.progress > (progress.max ?? 1)) fail(ctx, ['progress'], 'must not exceed max (default 1)');
    })
);

export const capsuleData = implementsContract<CapsuleData>()(
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

export const externalData = implementsContract<ExternalData>()(
  pushKitObject({
    type: intIn(0, 1).optional(),
    bgColor: rgbColor.optional(),
    bgImage: z.string().optional(),
    title: maxChars(128).optional(),
    body: richTextRuns(128).optional()
  })
);

export const activityData = implementsContract<ActivityData>()(
  pushKitObject({
    notificationData: liveViewNotificationData,
    capsuleData: capsuleData.optional(),
    externalData: externalData.optional()
  })
);

export const geofence = implementsContract<Geofence>()(
  pushKitObject({
    longitude: z.number().min(-180, 'must be from -180 to 180').max(180, 'must be from -180 to 180'),
    latitude: z.number().min(-90, 'must be from -90 to 90').max(90, 'must be from -90 to 90'),
    coordinateSystemType: intIn(1, 2),
    monitorEvent: intIn(1, 2),
    radius: z.number().min(200, 'must be from 200 to 2000 m').max(2000, 'must be from 200 to 2000 m'),
    delayTime: intIn(0, 300).optional()
  })
);

export const trigger = implementsContract<Trigger>()(
  pushKitObject({ type: intIn(1, 1), condition: geofence, displayTime: intIn(15, 1800).optional() })
);

/** Per-event status values, where Huawei lists them. */
const EVENT_STATUSES: Partial<Record<LiveViewEvent, string[]>> = {
  [LiveViewEvent.FLIGHT]: Object.values(FlightStatus),
  [LiveViewEvent.TAXI]: Object.values(TaxiStatus),
  [LiveViewEvent.TRAIN]: Object.values(TrainStatus)
};

/** Layouts an event may be created with; the basic layout is always allowed. */
const CREATE_LAYOUTS: Partial<Record<LiveViewEvent, LiveViewLayout[]>> = {
  [LiveViewEvent.FLIGHT]: [LiveViewLayout.LEFT_RIGHT_TEXT],
  [LiveViewEvent.TRAIN]: [LiveViewLayout.LEFT_RIGHT_TEXT],
  [LiveViewEvent.TAXI]: [LiveViewLayout.PROGRESS, LiveViewLayout.EMPHASIZED_TEXT, LiveViewLayout.LEFT_RIGHT_TEXT, LiveViewLayout.SCORE]
};

/** The keyword an event needs on create, also as a `{{placeholder}}`. */
const CREATE_KEYWORD: Partial<Record<LiveViewEvent, string>> = {
  [LiveViewEvent.FLIGHT]: 'flightNo',
  [LiveViewEvent.TRAIN]: 'trainNo'
};

const DATA_PATH = ['activityData', 'notificationData'];

/** The texts of a layout that may carry `{{status}}` and keyword placeholders. */
function placeholderTexts(data: LiveViewNotificationData): unknown[] {
  const runs = Array.isArray(data.contentText) ? data.contentText.map((run) => run?.text) : [];
  const texts = [data.contentTitle, ...runs, data.extend?.text];
  if (data.type === LiveViewLayout.EMPHASIZED_TEXT) texts.push(data.singleTextBlock?.firstLine, data.singleTextBlock?.secondLine);
  if (data.type === LiveViewLayout.LEFT_RIGHT_TEXT) {
    texts.push(data.firstTextBlock?.firstLine, data.firstTextBlock?.secondLine);
    texts.push(data.lastTextBlock?.firstLine, data.lastTextBlock?.secondLine);
  }
  return texts;
}

function requireFilled(ctx: RuleContext, value: unknown, path: (string | number)[], why: string): void {
  if (!isFilled(value)) fail(ctx, path, `is required (non-empty) ${why}`);
}

const isNonEmptyList = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/** Cross-field rules also run on malformed input (see evenWithOtherIssues): a nested value may be null or a string. */
const isObject = <T>(value: T | null | undefined): value is T => typeof value === 'object' && value !== null;

/** The layout-specific fields a create (operation 0) must carry. */
function createLayoutRules(data: LiveViewNotificationData, ctx: RuleContext): void {
  const at = (...path: (string | number)[]) => [...DATA_PATH, ...path];
  const progress = data.richProgress;
  if (data.type === LiveViewLayout.PROGRESS && isObject(progress)) {
    if (!isNonEmptyList(progress.nodeIcons)) fail(ctx, at('richProgress', 'nodeIcons'), 'is required on create');
    if (progress.indicatorType === 1 || progress.indicatorType === 2) {
      requireFilled(ctx, progress.indicatorIcon, at('richProgress', 'indicatorIcon'), 'on create with indicatorType 1 or 2');
    }
  }
  if (data.type === LiveViewLayout.EMPHASIZED_TEXT) requireFilled(ctx, data.descPic, at('descPic'), 'on create with layout 4');
  if (data.type === LiveViewLayout.LEFT_RIGHT_TEXT) {
    if (data.spaceType === 1) requireFilled(ctx, data.spaceText, at('spaceText'), 'on create with spaceType 1');
    else requireFilled(ctx, data.spaceIcon, at('spaceIcon'), 'on create with layout 5 and spaceType 0');
  }
  const game = data.game;
  if (data.type === LiveViewLayout.SCORE && isObject(game)) {
    for (const side of ['host', 'guest'] as const) {
      for (const field of ['icon', 'name', 'score'] as const) {
        requireFilled(ctx, game[side]?.[field], at('game', side, field), 'on create');
      }
    }
    const contest = game.competition;
    requireFilled(ctx, contest?.time, at('game', 'competition', 'time'), 'on create');
    const richDesc = Array.isArray(contest?.richDesc) ? contest.richDesc.map((run) => run?.text).join('') : '';
    if (!isFilled(contest?.desc) && !isFilled(richDesc)) {
      fail(ctx, at('game', 'competition', 'desc'), 'desc or richDesc is required (non-empty) on create');
    }
  }
}

/** What a create (operation 0) needs beyond an update: Push Kit's "创建实况窗约束". */
function createRules(payload: LiveViewPayload, ctx: RuleContext): void {
  if (!LIVE_VIEW_CREATE_EVENTS.includes(payload.event)) {
    fail(ctx, ['event'], `cannot be created over REST; creatable: ${LIVE_VIEW_CREATE_EVENTS.join(', ')}`);
  }
  requireFilled(ctx, payload.status, ['status'], 'on create');
  const data = payload.activityData?.notificationData;
  if (!isObject(data)) return;
  const layouts = CREATE_LAYOUTS[payload.event];
  if (layouts && data.type !== LiveViewLayout.BASIC && !layouts.includes(data.type)) {
    fail(ctx, [...DATA_PATH, 'type'], `${payload.event} is created with layout ${layouts.join(', ')} or -1`);
  }
  requireFilled(ctx, data.contentTitle, [...DATA_PATH, 'contentTitle'], 'on create');
  if (!isNonEmptyList(data.contentText)) fail(ctx, [...DATA_PATH, 'contentText'], 'is required (non-empty) on create');
  const texts = placeholderTexts(data);
  const keyword = CREATE_KEYWORD[payload.event];
  const placeholders = keyword === undefined ? ['status'] : ['status', keyword];
  for (const name of placeholders) {
    if (!texts.some((text) => typeof text === 'string' && text.includes(`{{${name}}}`))) {
      fail(ctx, [...DATA_PATH, 'contentTitle'], `{{${name}}} must appear at least once in the layout's texts on create`);
    }
  }
  if (keyword !== undefined) requireFilled(ctx, data.keywords?.[keyword], [...DATA_PATH, 'keywords', keyword], `on create of ${payload.event}`);
  createLayoutRules(data, ctx);

  const capsule = payload.activityData.capsuleData;
  if (capsule?.type === CapsuleType.ICON_TEXT) requireFilled(ctx, capsule.title, ['activityData', 'capsuleData', 'title'], 'on create with capsule type 1');
  if (capsule?.type === CapsuleType.ICON_TEXT || capsule?.type === CapsuleType.TIMER) {
    requireFilled(ctx, capsule.content, ['activityData', 'capsuleData', 'content'], 'on create with capsule type 1 or 2');
  }
  const external = payload.activityData.externalData;
  if (isObject(external)) {
    requireFilled(ctx, external.title, ['activityData', 'externalData', 'title'], 'on create');
    if (!isNonEmptyList(external.body)) fail(ctx, ['activityData', 'externalData', 'body'], 'is required (non-empty) on create');
    if (external.type === 1) requireFilled(ctx, external.bgImage, ['activityData', 'externalData', 'bgImage'], 'on create with type 1');
  }
}

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
  }).superRefine((payload, ctx) => {
    const statuses = EVENT_STATUSES[payload.event];
    if (statuses && payload.status !== undefined && !statuses.includes(payload.status)) {
      fail(ctx, ['status'], `must be a ${payload.event} status: ${statuses.join(', ')}`);
    }
    if (payload.operation === LiveViewOperation.CREATE) createRules(payload, ctx);
  }, evenWithOtherIssues)
);
