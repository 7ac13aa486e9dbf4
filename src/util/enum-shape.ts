import { oneOf, Shape } from './shape';

/**
 * One of an enum's values, named as code writes them: `FinalImageKind.PIXI ("pixi")`. From
 * JavaScript, the member name (`"PIXI"`) is a common mistake that this spelling answers.
 */
export function enumOf(name: string, values: Record<string, string>): Shape {
  return oneOf(Object.values(values), Object.entries(values).map(([key, value]) => `${name}.${key} ("${value}")`).join(', '));
}
