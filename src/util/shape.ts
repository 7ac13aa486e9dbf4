/*
 * Run-time shapes of option structs. TypeScript checks types at compile time only; `.projenrc.js`
 * and the other jsii languages pass any value, and a string where a list belongs would otherwise
 * crash with a TypeError or, worse, be read character by character. Each construct checks its
 * options against a shape first, so that the checks after it meet only well-typed values.
 */
import { closestName } from './suggest';
import { checkHeaderComment, hasLoneSurrogate, invalidOption } from './validate';

/** Reports one refused value: where it is, what it is, what is allowed there. */
type Refuse = (path: string, value: unknown, allowed: string, problem?: string, suggestion?: string) => never;

/** What a value must look like. */
export interface Shape {
  /** What the shape allows, in words. */
  readonly allowed: string;
  /** Throws through `refuse` at the first value the shape does not allow. */
  readonly check: (value: unknown, path: string, refuse: Refuse) => void;
}

/** The shape of each option of a struct; the compiler keeps the list complete. */
export type ShapeOf<T> = { readonly [K in keyof T]-?: Shape };

function simple(allowed: string, test: (value: unknown) => boolean): Shape {
  return { allowed, check: (value, path, refuse) => test(value) || refuse(path, value, allowed) };
}

/** Any string that is text (no lone surrogates); what else is allowed, the construct checks. */
export const STRING: Shape = simple('a string', (v) => typeof v === 'string' && !hasLoneSurrogate(v));
/** true or false. */
export const BOOLEAN: Shape = simple('true or false', (v) => typeof v === 'boolean');
/** A finite number. */
export const NUMBER: Shape = simple('a number', (v) => typeof v === 'number' && Number.isFinite(v));
/** A whole number. */
export const INTEGER: Shape = simple('a whole number', (v) => Number.isSafeInteger(v));
/** An object that is not an array (a plain one or an instance, such as a parent project). */
export const OBJECT: Shape = simple('an object', (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
/** Any value; the construct checks it. */
export const ANY: Shape = simple('any value', () => true);

/** One of an enum's values. */
export function oneOf(values: readonly string[], allowed = values.map((v) => JSON.stringify(v)).join(', ')): Shape {
  return simple(allowed, (v) => typeof v === 'string' && values.includes(v));
}

/** An object the test accepts, e.g. an instance of a construct. */
export function instance(allowed: string, test: (value: unknown) => boolean): Shape {
  return simple(allowed, (v) => typeof v === 'object' && v !== null && test(v));
}

/** An array whose items have the shape. */
export function listOf(item: Shape): Shape {
  const allowed = `a list of (${item.allowed})`;
  return {
    allowed,
    check: (value, path, refuse) => {
      if (!Array.isArray(value)) refuse(path, value, allowed);
      (value as unknown[]).forEach((v, i) => item.check(v, `${path}[${i}]`, refuse));
    },
  };
}

/** A list of strings. */
export const STRINGS: Shape = listOf(STRING);
/** A list of whole numbers. */
export const INTEGERS: Shape = listOf(INTEGER);

/**
 * A plain object: not an array, a class instance or null. Realm-free: `projen new` evaluates the
 * options in a vm context, whose `Object.prototype` is not this one's.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** A map from names to values of the shape (`{ NAME: "value" }`). */
export function recordOf(item: Shape): Shape {
  const allowed = `an object mapping names to (${item.allowed})`;
  return {
    allowed,
    check: (value, path, refuse) => {
      if (!isPlainObject(value)) refuse(path, value, allowed);
      for (const [key, v] of Object.entries(value as object)) {
        if (hasLoneSurrogate(key)) refuse(`${path} key`, key, 'a name that is text');
        item.check(v, `${path}.${key}`, refuse);
      }
    },
  };
}

/** A value of the first shape that takes it, e.g. a version string or a dependency table. */
export function either(...shapes: Shape[]): Shape {
  const allowed = shapes.map((s) => s.allowed).join(', or ');
  return {
    allowed,
    check: (value, path, refuse) => {
      const fitting = shapes.find((shape) => fits(shape, value));
      if (!fitting) {
        // One shape of the kind given (an object for an object) names the deepest wrong value.
        const sameKind = shapes.filter((shape) => shape !== STRING && isPlainObject(value) === isStructLike(shape));
        if (sameKind.length === 1) sameKind[0].check(value, path, refuse);
        refuse(path, value, allowed);
      }
    },
  };
}

const STRUCT = Symbol('struct');

function isStructLike(shape: Shape): boolean {
  return STRUCT in shape || shape.allowed.startsWith('an object');
}

function fits(shape: Shape, value: unknown): boolean {
  try {
    shape.check(value, '', () => {
      throw new Misfit();
    });
    return true;
  } catch (error) {
    if (error instanceof Misfit) return false;
    throw error;
  }
}

class Misfit extends Error {}

/**
 * An options struct: a plain object whose keys the fields declare (an unknown key is refused with
 * the closest declared one), each field absent or of its shape. `null` is refused, not read as absent:
 * leave the key out.
 * @param required fields that must be given
 */
export function struct<T>(what: string, fields: ShapeOf<T>, required: ReadonlyArray<keyof T & string> = []): Shape {
  const known = Object.keys(fields);
  const allowed = `an object with ${what}`;
  const shape = {
    [STRUCT]: true,
    allowed,
    check: (value: unknown, path: string, refuse: Refuse) => {
      if (!isPlainObject(value)) refuse(path, value, allowed);
      const options = value as Record<string, unknown>;
      for (const key of Object.keys(options)) {
        if (known.includes(key)) continue;
        const suggestion = closestName(key, known);
        // A long list helps nobody: past a screenful of names, point to the reference.
        const names = known.length <= 32 ? known.join(', ') : 'the options API.md lists';
        refuse(join(path, key), options[key], names, 'unknown option', suggestion && join(path, suggestion));
      }
      for (const key of known) {
        const v = options[key];
        if (v === undefined) {
          if ((required as readonly string[]).includes(key)) refuse(join(path, key), v, (fields as Record<string, Shape>)[key].allowed);
          continue;
        }
        (fields as Record<string, Shape>)[key].check(v, join(path, key), refuse);
      }
    },
  };
  return shape;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Option objects that a construct built from values it checked (or made itself) for the spec it hands them to: the
 * spec's check passes them without a second look. Only objects made inside the library are marked, never the
 * user's, which may change between two constructions.
 */
const BUILT_CHECKED = new WeakMap<object, Shape>();

/**
 * Marks options a construct built from checked values (and values of its own, such as its project's directory)
 * as of the shape, so that `checkShape` with it passes them: each option is checked once per construction.
 * @returns the options
 */
export function builtChecked<T extends object>(shape: Shape, options: T): T {
  BUILT_CHECKED.set(options, shape);
  return options;
}

/**
 * Checks options against their shape; throws a `PixiValidationError` naming the construct, the
 * option path, the value and what is allowed. Undefined options stand for `{}`.
 * @param nameOf how the user spells an option path (e.g. a command-line switch)
 */
export function checkShape(owner: string, options: unknown, shape: Shape, nameOf = (path: string) => path): void {
  if (options === undefined) return;
  if (typeof options === 'object' && options !== null && BUILT_CHECKED.get(options) === shape) return;
  shape.check(options, '', (path, value, allowed, problem, suggestion) => {
    throw invalidOption(owner, path === '' ? 'options' : nameOf(path), value, allowed, problem, suggestion && nameOf(suggestion));
  });
}

/** The options of every pure renderer: a header comment. */
export const RENDER_OPTIONS = struct('headerComment', { headerComment: STRING });

/** Checks a renderer's options and returns its header comment, checked too. */
export function headerCommentOf(owner: string, options: unknown): string | undefined {
  checkShape(owner, options, RENDER_OPTIONS);
  return checkHeaderComment(owner, (options as { headerComment?: unknown } | undefined)?.headerComment);
}
