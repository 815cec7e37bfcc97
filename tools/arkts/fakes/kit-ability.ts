// Host fake of @kit.AbilityKit: abilities get the host application context.
import { hostContext } from './kit-test';

export class UIAbility {
  context = hostContext;
}
