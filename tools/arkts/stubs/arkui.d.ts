/*
 * The ArkUI globals the pages use (decorators, components, AppStorage, $r), only the members used.
 * DOM is left out of the program on purpose: its `Text` would collide with ArkUI's.
 */

declare const Entry: ClassDecorator;
declare const Component: ClassDecorator;
declare const Builder: MethodDecorator;
declare function StorageProp(propName: string): PropertyDecorator;

declare class CustomComponent {
  build(): void;
}

interface Resource {
  readonly bundleName: string;
  readonly moduleName: string;
  readonly id: number;
}
declare function $r(value: string, ...params: Object[]): Resource;

declare enum Color {
  Black,
  White
}
declare enum FontWeight {
  Bold
}
declare enum HorizontalAlign {
  Start
}

declare type Length = string | number | Resource;
declare type ResourceStr = string | Resource;
declare type ResourceColor = Color | number | string | Resource;

interface Padding {
  top?: Length;
  right?: Length;
  bottom?: Length;
  left?: Length;
}
declare type Margin = Padding;

interface ClickEvent {
  readonly timestamp: number;
}

declare class CommonMethod<T> {
  width(value: Length): T;
  padding(value: Padding | Length): T;
  margin(value: Margin | Length): T;
  onClick(event: (event: ClickEvent) => void): T;
}

declare class ColumnAttribute extends CommonMethod<ColumnAttribute> {
  alignItems(value: HorizontalAlign): ColumnAttribute;
}
interface ColumnOptions {
  space?: string | number;
}
interface ColumnInterface {
  (value?: ColumnOptions): ColumnAttribute;
}
declare const Column: ColumnInterface;
declare const ColumnInstance: ColumnAttribute;

declare class RowAttribute extends CommonMethod<RowAttribute> {}
interface RowInterface {
  (): RowAttribute;
}
declare const Row: RowInterface;
declare const RowInstance: RowAttribute;

declare class TextAttribute extends CommonMethod<TextAttribute> {
  fontSize(value: number | string | Resource): TextAttribute;
  fontColor(value: ResourceColor): TextAttribute;
  fontWeight(value: number | FontWeight | string): TextAttribute;
}
interface TextInterface {
  (content?: string | Resource): TextAttribute;
}
declare const Text: TextInterface;
declare const TextInstance: TextAttribute;

declare class ButtonAttribute extends CommonMethod<ButtonAttribute> {}
interface ButtonInterface {
  (label: ResourceStr): ButtonAttribute;
}
declare const Button: ButtonInterface;
declare const ButtonInstance: ButtonAttribute;

declare class AppStorage {
  static setOrCreate<T>(propName: string, newValue: T): void;
  static get<T>(propName: string): T | undefined;
}
