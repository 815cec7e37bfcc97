/*
 * The ArkUI globals the pages use (decorators, components, AppStorage, $r), holding only the members used.
 * Mirrors openharmony/interface_sdk-js api/@internal/component/ets/ (common.d.ts, column.d.ts, row.d.ts, text.d.ts,
 * button.d.ts, enums.d.ts, units.d.ts, common_ts_ets_api.d.ts) and api/global/resource.d.ts. Written by hand;
 * @since is the earliest of the SDK's repeated doc blocks, all well before compatibleSdkVersion. Enums list every
 * member up to the last one used, so that each keeps the SDK's value. DOM is left out of the program on purpose:
 * its `Text` would collide with ArkUI's.
 */

/** @since 7 */
declare const Entry: ClassDecorator;
/** @since 7 */
declare const Component: ClassDecorator;
/** @since 7 */
declare const Builder: MethodDecorator;
/** @since 7 */
declare function StorageProp(propName: string): PropertyDecorator;

/** @since 7 */
declare class CustomComponent {
  /** @since 7 */
  build(): void;
}

/**
 * units.d.ts at API 7, global/resource.d.ts from 9 (params and type, optional, are left out).
 * @since 7
 */
interface Resource {
  /** @since 9 */
  bundleName: string;
  /** @since 9 */
  moduleName: string;
  /** @since 7 */
  id: number;
}
/** @since 7 */
declare function $r(value: string, ...params: Object[]): Resource;

/** @since 7 */
declare enum Color {
  /** @since 7 */
  White,
  /** @since 7 */
  Black
}
/** @since 7 */
declare enum FontWeight {
  /** @since 7 */
  Lighter,
  /** @since 7 */
  Normal,
  /** @since 7 */
  Regular,
  /** @since 7 */
  Medium,
  /** @since 7 */
  Bold
}
/** @since 7 */
declare enum HorizontalAlign {
  /** @since 7 */
  Start
}

/** @since 7 */
declare type Length = string | number | Resource;
/** @since 7 */
declare type ResourceStr = string | Resource;
/** @since 7 */
declare type ResourceColor = Color | number | string | Resource;

/** @since 7 */
interface Padding {
  /** @since 7 */
  top?: Length;
  /** @since 7 */
  right?: Length;
  /** @since 7 */
  bottom?: Length;
  /** @since 7 */
  left?: Length;
}
/** @since 7 */
declare type Margin = Padding;

/** @since 8 */
interface BaseEvent {
  /** @since 8 */
  timestamp: number;
}

/** @since 7 */
interface ClickEvent extends BaseEvent {
  /** @since 7 */
  x: number;
  /** @since 7 */
  y: number;
}

/** @since 7 */
declare class CommonMethod<T> {
  /** @since 7 */
  width(value: Length): T;
  /** @since 7 */
  padding(value: Padding | Length): T;
  /** @since 7 */
  margin(value: Margin | Length): T;
  /** @since 7 */
  onClick(event: (event: ClickEvent) => void): T;
}

/** @since 7 */
declare class ColumnAttribute extends CommonMethod<ColumnAttribute> {
  /** @since 7 */
  alignItems(value: HorizontalAlign): ColumnAttribute;
}
/** @since 7 */
interface ColumnOptions {
  /** @since 7 */
  space?: string | number;
}
/** @since 7 */
interface ColumnInterface {
  /** @since 7 */
  (value?: ColumnOptions): ColumnAttribute;
}
/** @since 7 */
declare const Column: ColumnInterface;
/** @since 7 */
declare const ColumnInstance: ColumnAttribute;

/** @since 7 */
declare class RowAttribute extends CommonMethod<RowAttribute> {}
/** @since 7 */
interface RowInterface {
  /** @since 7 */
  (): RowAttribute;
}
/** @since 7 */
declare const Row: RowInterface;
/** @since 7 */
declare const RowInstance: RowAttribute;

/** @since 7 */
declare class TextAttribute extends CommonMethod<TextAttribute> {
  /** @since 7 */
  fontSize(value: number | string | Resource): TextAttribute;
  /** @since 7 */
  fontColor(value: ResourceColor): TextAttribute;
  /** @since 7 */
  fontWeight(value: number | FontWeight | string): TextAttribute;
}
/** @since 7 */
interface TextInterface {
  /** @since 7 */
  (content?: string | Resource): TextAttribute;
}
/** @since 7 */
declare const Text: TextInterface;
/** @since 7 */
declare const TextInstance: TextAttribute;

/** @since 7 */
declare class ButtonAttribute extends CommonMethod<ButtonAttribute> {}
/** @since 7 */
interface ButtonInterface {
  /** @since 7 */
  (label: ResourceStr): ButtonAttribute;
}
/** @since 7 */
declare const Button: ButtonInterface;
/** @since 7 */
declare const ButtonInstance: ButtonAttribute;

/**
 * The lower-case setOrCreate and get replaced SetOrCreate and Get (7, deprecated since 10).
 * @since 7
 */
declare class AppStorage {
  /** @since 10 */
  static setOrCreate<T>(propName: string, newValue: T): void;
  /** @since 10 */
  static get<T>(propName: string): T | undefined;
}
