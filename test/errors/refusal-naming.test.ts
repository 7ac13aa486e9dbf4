import { PixiValidationError } from '../../src/errors/pixi-validation-error';
import { asOptionOf, namingRefusals } from '../../src/errors/refusal-naming';

describe('naming scopes: a refusal takes the names of the scopes it is made in', () => {
  const refuse = () => new PixiValidationError('PixiDockerImage', 'environment', 'GPU', 'a name', 'invalid', 'gpu');

  test('outside any scope the refusing construct names it', () => {
    expect(refuse().message).toBe('PixiDockerImage: invalid environment "GPU"; did you mean gpu? allowed: a name.');
  });

  test('the innermost scope names first, then the ones around it', () => {
    const made = namingRefusals(asOptionOf('Outer', 'images'), () => namingRefusals(asOptionOf('Inner', 'imageOptions'), refuse));
    expect([made.construct, made.option, made.suggestion]).toEqual(['Outer', 'images.imageOptions.environment', 'images.imageOptions.gpu']);
    expect(made.message).toBe('Outer: invalid images.imageOptions.environment "GPU"; did you mean images.imageOptions.gpu? allowed: a name.');
  });

  test('a scope ends with its construction, also when that throws', () => {
    expect(() => namingRefusals(asOptionOf('Outer', 'x'), () => {
      throw refuse();
    })).toThrow('Outer: invalid x.environment');
    expect(refuse().construct).toBe('PixiDockerImage');
  });

  test('a note becomes the last line of the message', () => {
    const made = namingRefusals((parts) => ({ ...parts, note: 'nothing is left behind.' }), refuse);
    expect(made.message.split('\n')).toEqual(['PixiDockerImage: invalid environment "GPU"; did you mean gpu? allowed: a name.', 'nothing is left behind.']);
    expect(made.note).toBe('nothing is left behind.');
  });
});
