/** Push-type 1: refreshes one service card (form) on one device. */

export enum FormImageRequire {
  /** Update the text even if the image download fails. */
  TEXT_ONLY_ON_FAILURE = 0,
  /** Skip the whole update if the image download fails (Push Kit's default). */
  ALL_OR_NOTHING = 1
}

export interface FormImage {
  /** Must not clash with a formData key. */
  keyName?: string;
  /** HTTPS URL of a PNG, JPG, JPEG or WEBP of at most 512 KB. */
  url?: string;
  require?: FormImageRequire;
}

/** Card data: no null values, no key starting with `datashareproxy://`, numbers within ±(2^53−1). */
export type FormUpdateData = Record<string, string | number | boolean>;

export interface FormUpdatePayload {
  formId: number;
  /** 0..2^31−1 and above the card's current version; 0 resets the counter (and still applies). */
  version: number;
  /** At most one image. */
  images?: FormImage[];
  moduleName: string;
  formName: string;
  abilityName: string;
  formData: FormUpdateData;
}
