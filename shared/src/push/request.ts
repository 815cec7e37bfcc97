import { AlertPayload } from './alert';
import { BackgroundPayload } from './background';
import { ExtensionPayload } from './extension';
import { FormUpdatePayload } from './form-update';
import { LiveViewPayload } from './live-view';
import { PushOptions } from './options';
import { Target } from './target';
import { VoIPCallPayload } from './voip-call';

/*
 * The body of `POST /v3/{projectId}/messages:send`, one interface per `push-type` header value.
 * At most 4096 bytes without the tokens.
 */

export interface AlertRequest {
  payload: AlertPayload;
  pushOptions?: PushOptions;
  target: Target;
}

/** Exactly one token. */
export interface FormUpdateRequest {
  payload: FormUpdatePayload;
  pushOptions?: PushOptions;
  target: Target;
}

export interface ExtensionRequest {
  payload: ExtensionPayload;
  pushOptions?: PushOptions;
  target: Target;
}

export interface BackgroundRequest {
  payload: BackgroundPayload;
  pushOptions?: PushOptions;
  target: Target;
}

export interface LiveViewRequest {
  payload: LiveViewPayload;
  pushOptions?: PushOptions;
  target: Target;
}

export interface VoIPCallRequest {
  payload: VoIPCallPayload;
  pushOptions?: PushOptions;
  target: Target;
}
