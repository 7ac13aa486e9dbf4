import { PixiErrors, PixiValidationError, PixiWorkspaceSpec } from '../../src';

const refusal = (): unknown => {
  try {
    PixiWorkspaceSpec.fromOptions({ platforms: ['linux 64'] });
  } catch (error) {
    return error;
  }
  throw new Error('no refusal');
};

test('a refusal is recognised by its brand; no other value is', () => {
  expect(PixiErrors.isValidationError(refusal())).toBe(true);
  expect(PixiErrors.isValidationError(new PixiValidationError('X', 'option', 1, 'two'))).toBe(true);
  const lookalike = Object.assign(new Error('X: invalid option 1; allowed: two.'), { name: 'PixiValidationError', construct: 'X' });
  for (const value of [lookalike, new Error('x'), null, undefined, 'PixiValidationError', 0, {}, { construct: 'X', option: 'o' }]) {
    expect(PixiErrors.isValidationError(value)).toBe(false);
  }
});

test('a refusal made by another copy of the package is recognised, where instanceof fails', () => {
  let other: typeof import('../../src/errors/pixi-validation-error') | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    other = require('../../src/errors/pixi-validation-error');
  });
  const foreign = new other!.PixiValidationError('X', 'option', 1, 'two');
  expect(foreign instanceof PixiValidationError).toBe(false);
  expect(PixiErrors.isValidationError(foreign)).toBe(true);
  expect(other!.PixiErrors.isValidationError(refusal())).toBe(true);
});

test('the brand adds no field: the error\'s keys and JSON stay its parts', () => {
  const error = refusal() as PixiValidationError;
  expect(Object.keys(error).sort()).toEqual(['allowed', 'construct', 'name', 'note', 'option', 'problem', 'suggestion', 'value']);
});

test('a refusal\'s message gives its parts back, as other jsii languages need (they receive only the message)', () => {
  const error = refusal() as PixiValidationError;
  expect(PixiErrors.refusalOf(error.message)).toEqual({
    construct: error.construct,
    option: error.option,
    value: '"linux 64"',
    allowed: error.allowed,
    problem: 'invalid',
    suggestion: undefined,
    note: undefined,
  });
  for (const other of ['', 'x', `${error.message} `, new Error('x').message]) expect(PixiErrors.refusalOf(other)).toBeUndefined();
  expect(PixiErrors.refusalOf(42 as any)).toBeUndefined();
});

test('the refusals kept for their messages are the recent ones, of any copy of the package', () => {
  let other: typeof import('../../src/errors/pixi-validation-error') | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    other = require('../../src/errors/pixi-validation-error');
  });
  const first = new other!.PixiValidationError('X', 'first', 0, 'anything');
  expect(PixiErrors.refusalOf(first.message)?.option).toBe('first');
  for (let i = 1; i <= 256; i++) new PixiValidationError('X', `option${i}`, i, 'anything');
  expect(PixiErrors.refusalOf(first.message)).toBeUndefined();
  expect(PixiErrors.refusalOf(new PixiValidationError('X', 'option1', 1, 'anything').message)?.value).toBe('1');
});
