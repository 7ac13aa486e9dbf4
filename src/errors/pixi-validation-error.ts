import { PixiRefusal } from './pixi-refusal';
import { CONFLICTS, nameRefusal, RefusalParts } from './refusal-naming';
import { recordedRefusal, recordRefusal } from './refusal-record';

/**
 * The brand every refusal carries: `instanceof` fails for an error made by another copy of the package (a
 * second install, a bundle, another vm context) and means nothing in the other jsii languages.
 */
const BRAND = Symbol.for('projen-pixi.PixiValidationError');

/**
 * The one error every construct and renderer of projen-pixi throws for input it refuses: which
 * construct, which option, the value given and what is allowed, so that a caller can handle a
 * refusal in code (`PixiErrors.isValidationError(err)`, or `instanceof` within one copy of the package)
 * as well as read it.
 */
class ValidationError extends Error {
  /** Describes a value for a message: JSON-quoted, so that hidden line breaks and quotes show. */
  public static describe(value: any): string {
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return 'a function';
    // JSON shows NaN and Infinity as null.
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
    // A class instance (a Date, a construct) is not the plain data its JSON would suggest.
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      // Any realm's Object.prototype is a root: its own prototype is null.
      const proto = Object.getPrototypeOf(value);
      if (proto !== null && Object.getPrototypeOf(proto) !== null) return `an instance of ${proto.constructor?.name || 'a class'}`;
    }
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }

  /** The message: `C: invalid O V; allowed: A.`, `C: O V conflicts with A.` or `C: unknown option O; did you mean S? allowed: A.` */
  private static sentence(named: RefusalParts, value: any, problem: string): string {
    const { construct, option, allowed, suggestion, note } = named;
    const shown = problem === 'invalid' || problem === CONFLICTS ? ` ${ValidationError.describe(value)}` : '';
    const text = problem === CONFLICTS
      ? `${construct}: ${option}${shown} conflicts with ${allowed}.`
      : `${construct}: ${problem} ${option}${shown}; ${suggestion ? `did you mean ${suggestion}? ` : ''}allowed: ${allowed}.`;
    return note === undefined ? text : `${text}\n${note}`;
  }

  /** The construct or renderer that refused the value, e.g. `PixiDockerImage`. */
  public readonly construct: string;
  /** The option, or the path inside it (e.g. `features.cuda.platforms[0]`), that holds the value. */
  public readonly option: string;
  /** The value refused, as given. */
  public readonly value: any;
  /** What the option allows. */
  public readonly allowed: string;
  /** What is wrong: `invalid` for a value, `unknown option` for a key the options do not declare. */
  public readonly problem: string;
  /** The option probably meant (for a misspelt key), if any. */
  public readonly suggestion?: string;
  /** What happened around the refusal (e.g. what `projen new` left behind), the message's last line. */
  public readonly note?: string;

  /**
   * Names are given as the refusing construct knows them; the naming scopes entered around it
   * (`namingRefusals`) restate them in what the user wrote, here, when the refusal is made.
   * @param construct the construct or renderer that refuses the value
   * @param option the option (or path inside it) that holds the value
   * @param value the value refused
   * @param allowed what the option allows
   * @param problem what is wrong, `invalid` unless told; `CONFLICTS` or another word; only an invalid or conflicting value is shown in the message
   * @param suggestion the option probably meant
   */
  public constructor(construct: string, option: string, value: any, allowed: string, problem = 'invalid', suggestion?: string) {
    const named = nameRefusal({ construct, option, allowed, suggestion });
    super(ValidationError.sentence(named, value, problem));
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, BRAND, { value: true });
    this.name = 'PixiValidationError';
    this.construct = named.construct;
    this.option = named.option;
    this.value = value;
    this.allowed = named.allowed;
    this.problem = problem;
    this.suggestion = named.suggestion;
    this.note = named.note;
    recordRefusal(this.message, { ...named, value: ValidationError.describe(value), problem });
  }
}

export const PixiValidationError = ValidationError;
export type PixiValidationError = ValidationError;

/**
 * Recognises a refusal of projen-pixi made by any copy of the package (a second install, a bundle, another
 * vm context), where `instanceof PixiValidationError` cannot: its `construct`, `option`, `value`,
 * `allowed`, `problem` and `suggestion` are then there to read. Through jsii, other languages receive
 * jsii's own error with the refusal's message only; `refusalOf(message)` gives them the same parts.
 */
export class PixiErrors {
  /**
   * Whether the value is a refusal of projen-pixi (a `PixiValidationError`), made by any copy of the package.
   * @param x any value, typically a caught error
   */
  public static isValidationError(x: any): boolean {
    return x !== null && typeof x === 'object' && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * The parts of the refusal this message is from, if projen-pixi made it in this process (recently: the last
   * 256 are kept); `undefined` for any other message. Through jsii this is how Python, Java, .NET and Go tell a
   * refusal from another failure: `PixiErrors.refusal_of(str(error))` in Python, `PixiErrors.refusalOf(e.getMessage())` in Java.
   * @param message a caught error's message, as jsii hands it on
   */
  public static refusalOf(message: string): PixiRefusal | undefined {
    return typeof message === 'string' ? recordedRefusal(message) : undefined;
  }

  private constructor() {}
}
