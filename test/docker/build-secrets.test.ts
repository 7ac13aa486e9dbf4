import { ApptainerDefinitionSpec, DockerRecipe, PixiDockerImageSpec } from '../../src';
import { dockerfileDiagnostics, parseInstructions } from '../helpers/dockerfile';
import { refusal } from '../helpers/refusal';
import { shellcheck } from '../helpers/shellcheck';

describe('buildSecrets: BuildKit secrets for the install and the build commands, in no layer', () => {
  const spec = new PixiDockerImageSpec({ buildSecrets: ['LAB_TOKEN', 'RATTLER_AUTH_FILE'], buildCommands: ['make private-wheel'] });
  const dockerfile = spec.renderDockerfile();
  const runs = parseInstructions(dockerfile).filter((i) => i.keyword === 'RUN');
  const install = runs.find((i) => i.args.includes('pixi install'))!;

  test('the install mounts each and exports it: a value by its contents, a *_FILE by its path; unset before the activation is written', () => {
    expect(dockerfile).toContain('RUN --mount=type=cache,target=/root/.cache/rattler/cache \\\n    --mount=type=secret,id=LAB_TOKEN \\\n    --mount=type=secret,id=RATTLER_AUTH_FILE \\\n');
    expect(install.args).toContain('if [ -f /run/secrets/LAB_TOKEN ]; then LAB_TOKEN=$(cat /run/secrets/LAB_TOKEN); export LAB_TOKEN; fi && '
      + 'if [ -f /run/secrets/RATTLER_AUTH_FILE ]; then export RATTLER_AUTH_FILE=/run/secrets/RATTLER_AUTH_FILE; fi && pixi install');
    expect(install.args.indexOf('unset LAB_TOKEN RATTLER_AUTH_FILE')).toBeLessThan(install.args.indexOf('pixi shell-hook'));
    expect(install.args.indexOf('unset LAB_TOKEN RATTLER_AUTH_FILE')).toBeGreaterThan(install.args.indexOf('pixi install'));
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
    expect(shellcheck(install.args, 'sh')).toEqual([]);
  });

  test('each build command mounts and exports them too, before the activation', () => {
    const command = runs.find((i) => i.args.includes('make private-wheel'))!;
    expect(dockerfile).toContain('RUN --mount=type=secret,id=LAB_TOKEN --mount=type=secret,id=RATTLER_AUTH_FILE ["/bin/bash"');
    const [, , script] = JSON.parse(command.args);
    expect(script).toMatch(/^if \[ -f \/run\/secrets\/LAB_TOKEN \].* && \. \/opt\/pixi-image\/activate\.sh && make private-wheel$/);
    // (SC1091: the activation it sources is written at build time, not here.)
    expect(shellcheck(script, 'bash').filter((finding) => !finding.includes('SC1091'))).toEqual([]);
  });

  test('nothing of them in the final stage; none by default', () => {
    expect(parseInstructions(dockerfile).filter((i) => i.stage === 'final' && /secret/.test(i.args))).toEqual([]);
    expect(new PixiDockerImageSpec({}).renderDockerfile()).not.toContain('secret');
  });

  test('Apptainer refuses them: its build has no secret mounts', () => {
    expect(refusal(() => new ApptainerDefinitionSpec(new PixiDockerImageSpec({ buildSecrets: ['LAB_TOKEN'] }))).option).toBe('image buildSecrets');
  });

  test.each([
    [{ buildSecrets: ['lab-token'] }, 'buildSecrets[0]'],
    [{ buildSecrets: ['1TOKEN'] }, 'buildSecrets[0]'],
    [{ buildSecrets: ['GITHUB_TOKEN'] }, 'buildSecrets[0]'],
    [{ buildSecrets: ['github_token'] }, 'buildSecrets[0]'],
    [{ buildSecrets: ['A,dst=/etc/passwd'] }, 'buildSecrets[0]'],
    [{ buildSecrets: ['A B'] }, 'buildSecrets[0]'],
    [{ buildSecrets: ['TOKEN', 'TOKEN'] }, 'buildSecrets[1]'],
    [{ buildSecrets: ['A\nRUN id'] }, 'buildSecrets[0]'],
    [{ buildSecrets: 'TOKEN' }, 'buildSecrets'],
    [{ buildSecrets: ['TOKEN'], recipe: DockerRecipe.TUTORIAL }, 'buildSecrets'],
  ])('refused: %j names %s', (options, option) => {
    expect(refusal(() => new PixiDockerImageSpec(options as never)).option).toBe(option);
  });
});
