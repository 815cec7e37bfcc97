import { ClickAction } from './alert';

/** Push-type 7: creates, updates or ends a Live View (实况窗). Needs the Live View right for each event. */

export enum LiveViewOperation {
  CREATE = 0,
  UPDATE = 1,
  END = 2,
  /** Create when a geofence trigger fires. */
  CREATE_ON_TRIGGER = 4,
  /** End when a geofence trigger fires. */
  END_ON_TRIGGER = 6
}

export enum LiveViewEvent {
  TAXI = 'TAXI',
  DELIVERY = 'DELIVERY',
  FLIGHT = 'FLIGHT',
  TRAIN = 'TRAIN',
  QUEUE = 'QUEUE',
  PICK_UP = 'PICK_UP',
  SCORE = 'SCORE',
  RENT = 'RENT',
  TIMER = 'TIMER',
  WORKOUT = 'WORKOUT',
  NAVIGATION = 'NAVIGATION',
  EXPRESS = 'EXPRESS',
  CHECK_IN = 'CHECK_IN'
}

/** `status` values of FLIGHT; they fill the `{{status}}` placeholder. */
export enum FlightStatus {
  DEPART = 'DEPART',
  WAITING_FOR_CHECK_IN = 'WAITING_FOR_CHECK_IN',
  CHECKED_IN = 'CHECKED_IN',
  PASSED_SECURITY_CHECK = 'PASSED_SECURITY_CHECK',
  START_BOARDING = 'START_BOARDING',
  URGE_BOARDING = 'URGE_BOARDING',
  BOARDED = 'BOARDED',
  END_BOARDING = 'END_BOARDING',
  ABOUT_TO_TAKE_OFF = 'ABOUT_TO_TAKE_OFF',
  TAKEN_OFF = 'TAKEN_OFF',
  ARRIVED = 'ARRIVED',
  TRANSFER = 'TRANSFER',
  NEW_ITINERARY = 'NEW_ITINERARY',
  GATE_CHANGE = 'GATE_CHANGE',
  FLIGHT_DELAY = 'FLIGHT_DELAY',
  FLIGHT_CANCEL = 'FLIGHT_CANCEL',
  FLIGHT_DIVERSION = 'FLIGHT_DIVERSION',
  FLIGHT_RETURN = 'FLIGHT_RETURN'
}

export enum TaxiStatus {
  CALLING = 'CALLING',
  ABOUT_TO_BEGIN = 'ABOUT_TO_BEGIN',
  DRIVER_ON_THE_WAY = 'DRIVER_ON_THE_WAY',
  DRIVER_ARRIVE = 'DRIVER_ARRIVE',
  HEADING_TO_DESTINATION = 'HEADING_TO_DESTINATION',
  COMPLETED = 'COMPLETED',
  RE_CALLING = 'RE_CALLING',
  CANCELED = 'CANCELED'
}

export enum TrainStatus {
  DEPART = 'DEPART',
  PASSED_SECURITY_CHECK = 'PASSED_SECURITY_CHECK',
  TICKET_CHECK = 'TICKET_CHECK',
  CHECKED = 'CHECKED',
  CHECK_IN_CLOSED = 'CHECK_IN_CLOSED',
  SET_OFF = 'SET_OFF',
  HEADING_TO_DESTINATION = 'HEADING_TO_DESTINATION',
  ARRIVED = 'ARRIVED',
  GATE_CHANGE = 'GATE_CHANGE',
  TRAIN_DELAY = 'TRAIN_DELAY',
  TRAIN_CANCEL = 'TRAIN_CANCEL'
}

/** notificationData.type: the card layout. */
export enum LiveViewLayout {
  /** Fixed and auxiliary areas only (HarmonyOS 6.1.0(23)+); allowed for every event. */
  BASIC = -1,
  PROGRESS = 3,
  /** Needs singleTextBlock (and descPic on create). */
  EMPHASIZED_TEXT = 4,
  /** Needs firstTextBlock and lastTextBlock. */
  LEFT_RIGHT_TEXT = 5,
  /** Needs game. */
  SCORE = 7
}

/** A run of text; every run of one field may set only one colour. */
export interface RichText {
  text: string;
  /** #AARRGGBB */
  foregroundColor?: string;
}

export interface RichProgress {
  /** File name under resources/rawfile; required on create when indicatorType is 1 or 2. */
  indicatorIcon?: string;
  /** 0..100 */
  progress: number;
  /** #AARRGGBB */
  color?: string;
  /** #AARRGGBB */
  bgColor?: string;
  /** 2..5 rawfile names; required on create. */
  nodeIcons?: string[];
  /** 0 dashed (default), 1 solid, 2 thick solid. */
  type?: number;
  /** 0 none (default), 1 above the line, 2 on the line. */
  indicatorType?: number;
}

/** Layout 4. Lines are 1..128 characters. */
export interface SingleTextBlock {
  firstLine: string;
  secondLine: string;
  /** #AARRGGBB */
  underlineColor?: string;
}

/** Layout 5, left block. Lines are 1..128 characters. */
export interface FirstTextBlock {
  firstLine: string;
  secondLine: string;
}

/** Layout 5, right block. Lines are 1..128 characters; superscripts look like "+1".."+9". */
export interface LastTextBlock {
  firstLine: string;
  secondLine: string;
  firstLineSuperscript?: string;
  secondLineSuperscript?: string;
}

export enum LiveViewExtendType {
  NONE = 0,
  TEXT = 1,
  CAPSULE_TEXT = 2,
  PICTURE = 3,
  ICON = 4
}

/** The auxiliary area. */
export interface LiveViewExtend {
  type?: LiveViewExtendType;
  /** Required (non-empty) for TEXT and CAPSULE_TEXT. */
  text?: string;
  /** Deprecated spelling of `image`. */
  pic?: string;
  /** Rawfile name; `image` or `pic` is required (non-empty) for PICTURE and ICON. */
  image?: string;
  /** HOME_PAGE, CUSTOM_PAGE, CLEAR_NOTIFICATION or DIAL. */
  clickAction?: ClickAction;
}

/** A team; every field is required (non-empty) on create. */
export interface Team {
  icon?: string;
  name?: string;
  score?: string;
}

/** On create: `time` and one of `desc` / `richDesc` are required. */
export interface Competition {
  desc?: string;
  richDesc?: RichText[];
  time?: string;
}

/** Layout 7. */
export interface Game {
  host: Team;
  guest: Team;
  competition: Competition;
}

export interface LiveViewLockScreen {
  picture?: string;
}

/** Shown only with all four values and layout 5; values are those of Live View Kit's WeatherType. */
export interface Weather {
  weatherType?: number;
  locationType?: number;
  /** °C, at most 58 and above lowTemperature. */
  highTemperature?: number;
  /** °C, at least −95. */
  lowTemperature?: number;
}

export interface LiveViewNotificationData {
  /** A layout the device does not know falls back to the basic template (updates only). */
  type: LiveViewLayout | number;
  /** FLIGHT: { flightNo }, TRAIN: { trainNo }; required on create for those events. */
  keywords?: Record<string, string>;
  /** Layout 5 only. */
  additionalText?: string;
  /** Seconds the ended view stays in the notification centre, at most 3600. */
  keepTime?: number;
  /** At most 1024 characters; required (non-empty) on create. */
  contentTitle?: string;
  /** At most 1024 characters in total, one colour; required (non-empty) on create. */
  contentText?: RichText[];
  richProgress?: RichProgress;
  singleTextBlock?: SingleTextBlock;
  firstTextBlock?: FirstTextBlock;
  lastTextBlock?: LastTextBlock;
  displayHorizontalLine?: boolean;
  /** Layout 5, spaceType 0: required (non-empty) on create. */
  spaceIcon?: string;
  /** Layout 5, spaceType 1: required (non-empty) on create. */
  spaceText?: string;
  /** Layout 5: 0 emphasized, 1 balanced. */
  style?: number;
  /** Layout 5: 0 icon, 1 text. */
  spaceType?: number;
  extend?: LiveViewExtend;
  game?: Game;
  /** Layout 4: required (non-empty) on create. */
  descPic?: string;
  /** HOME_PAGE or CUSTOM_PAGE. */
  clickAction: ClickAction;
  lockScreen?: LiveViewLockScreen;
  weather?: Weather;
  backgroundType?: number;
}

export enum CapsuleType {
  ICON_TEXT = 1,
  TIMER = 2,
  PROGRESS = 3
}

export enum CapsuleStatus {
  SHOWN = 1,
  HIDDEN = -1
}

export enum CapsuleRemind {
  DEFAULT = 'DEFAULT',
  FLIP = 'FLIP',
  EXPAND = 'EXPAND'
}

export interface CapsuleTimer {
  /** Initial value in ms. */
  time?: number;
  countDown?: boolean;
  pause?: boolean;
}

export interface CapsuleProgress {
  /** 1..2147483647, default 1. */
  max?: number;
  /** 0..max */
  progress: number;
  indeterminate?: boolean;
}

/** The status-bar capsule. */
export interface CapsuleData {
  type: CapsuleType;
  status: CapsuleStatus;
  /** Rawfile name. */
  icon: string;
  /** #AARRGGBB, not #FF000000, #FFFFFFFF or #FFF1F3F5. */
  bgColor: string;
  remind?: CapsuleRemind;
  /** At most 128 characters; required on create for ICON_TEXT. */
  title?: string;
  /** At most 128 characters; required on create for ICON_TEXT and TIMER. */
  content?: string;
  /** Required for TIMER. */
  capsuleTimer?: CapsuleTimer;
  /** Required for PROGRESS. */
  progress?: CapsuleProgress;
}

/** The outer screen of small foldables. */
export interface ExternalData {
  /** 0 default, 1 background image. */
  type?: number;
  /** #RRGGBB */
  bgColor?: string;
  /** Required (non-empty) on create with type 1. */
  bgImage?: string;
  /** At most 128 characters; required (non-empty) on create. */
  title?: string;
  /** At most 128 characters in total, one colour; required (non-empty) on create. */
  body?: RichText[];
}

export interface ActivityData {
  notificationData: LiveViewNotificationData;
  capsuleData?: CapsuleData;
  externalData?: ExternalData;
}

export interface Geofence {
  /** −180..180 */
  longitude: number;
  /** −90..90 */
  latitude: number;
  /** 1 WGS84, 2 GCJ02. */
  coordinateSystemType: number;
  /** 1 enter, 2 exit. */
  monitorEvent: number;
  /** 200..2000 m */
  radius: number;
  /** 0..300 s */
  delayTime?: number;
}

/** A delayed trigger (operations 4 and 6). */
export interface Trigger {
  /** 1: geofence. */
  type: number;
  condition: Geofence;
  /** 15..1800 s, default 900. */
  displayTime?: number;
}

export interface LiveViewPayload {
  /** int32, chosen by the app. */
  activityId: number;
  operation: LiveViewOperation;
  event: LiveViewEvent;
  /** Required on create; one of the event's status values (FlightStatus, TaxiStatus, TrainStatus). */
  status?: string;
  /** Fallback text for devices without Live View. */
  title?: string;
  content?: string;
  /** Default true: updates are silent. */
  mute?: boolean;
  /** ≥0 and increasing. */
  version?: number;
  activityData: ActivityData;
  trigger?: Trigger;
}
