import { DockerfileParser } from 'dockerfile-ast';
import { DockerRecipe, FinalImageKind, ImageHealthcheck, PixiDockerImageSpec, PixiValidationError } from '../../src';
import { dockerfileDiagnostics, parseInstructions } from '../helpers/dockerfile';

const CURL = ['curl', '-fsS', 'http://localhost:8000/health'];

/** dockerfile-ast's Healthcheck instruction, whose flags its Instruction type does not declare. */
interface Healthcheck { getFlags(): Array<{ getName(): string; getValue(): string | null }> }

/** The final stage's HEALTHCHECK: its flags and its command, decoded as Docker decodes exec form. */
function healthcheckOf(dockerfile: string): { flags: string[]; command: string[] } | undefined {
  const found = DockerfileParser.parse(dockerfile).getInstructions().filter((i) => i.getKeyword() === 'HEALTHCHECK');
  if (found.length === 0) return undefined;
  expect(found).toHaveLength(1);
  const text = found[0].getArgumentsContent() ?? '';
  const flags = (found[0] as unknown as Healthcheck).getFlags().map((flag) => `--${flag.getName()}=${flag.getValue()}`);
  return { flags, command: JSON.parse(text.slice(text.indexOf('CMD ') + 4)) };
}

describe('healthcheck: a HEALTHCHECK that runs its command in the activated environment', () => {
  test('OPTIMIZED: through the entrypoint, which activates the environment, after EXPOSE and before ENTRYPOINT', () => {
    const dockerfile = new PixiDockerImageSpec({ ports: [8000], healthcheck: { command: CURL, intervalSeconds: 10 } }).renderDockerfile();
    expect(healthcheckOf(dockerfile)).toEqual({ flags: ['--interval=10s'], command: ['/opt/pixi-image/entrypoint.sh', ...CURL] });
    const final = parseInstructions(dockerfile).filter((i) => i.stage === 'final').map((i) => i.keyword);
    expect(final.slice(final.indexOf('EXPOSE'), final.indexOf('EXPOSE') + 3)).toEqual(['EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT']);
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
  });

  test('every timing, in Docker\'s units', () => {
    const healthcheck: ImageHealthcheck = { command: ['true'], intervalSeconds: 5, timeoutSeconds: 2, startPeriodSeconds: 120, retries: 1 };
    const dockerfile = new PixiDockerImageSpec({ healthcheck }).renderDockerfile();
    expect(healthcheckOf(dockerfile)?.flags).toEqual(['--interval=5s', '--timeout=2s', '--start-period=120s', '--retries=1']);
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
  });

  test('DISTROLESS: the command as given, since the image\'s ENV is its activation', () => {
    const spec = new PixiDockerImageSpec({ finalImage: 'gcr.io/distroless/base-debian12', healthcheck: { command: ['python', '-c', 'print(1)'] } });
    expect(spec.finalImageKind).toBe(FinalImageKind.DISTROLESS);
    expect(healthcheckOf(spec.renderDockerfile())).toEqual({ flags: [], command: ['python', '-c', 'print(1)'] });
  });

  test('TUTORIAL: through the lesson\'s entrypoint; without the option the lesson\'s Dockerfile has none', () => {
    const dockerfile = new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL, healthcheck: { command: CURL, retries: 5 } }).renderDockerfile();
    expect(healthcheckOf(dockerfile)).toEqual({ flags: ['--retries=5'], command: ['/app/entrypoint.sh', ...CURL] });
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
    expect(healthcheckOf(new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL }).renderDockerfile())).toBeUndefined();
    expect(healthcheckOf(new PixiDockerImageSpec({}).renderDockerfile())).toBeUndefined();
  });

  test('quotes, dollars and brackets stay words of the command; nothing else is added', () => {
    const tricky = ['sh', '-c', 'x" ]; RUN id $(id) `id` \\', '"]', 'CMD'];
    const dockerfile = new PixiDockerImageSpec({ healthcheck: { command: tricky } }).renderDockerfile();
    expect(healthcheckOf(dockerfile)?.command).toEqual(['/opt/pixi-image/entrypoint.sh', ...tricky]);
    expect(parseInstructions(dockerfile).filter((i) => i.keyword === 'RUN')).toHaveLength(2);
  });

  test('the spec keeps the check as resolved', () => {
    expect(new PixiDockerImageSpec({ healthcheck: { command: CURL, timeoutSeconds: 3 } }).healthcheck).toEqual({ command: CURL, timeoutSeconds: 3 });
    expect(new PixiDockerImageSpec({}).healthcheck).toBeUndefined();
  });
});

describe('healthcheck: refusals name the option, the value and what is allowed', () => {
  test.each<[string, unknown, RegExp]>([
    ['no command', { intervalSeconds: 5 }, /invalid healthcheck.command undefined; allowed: a list of/],
    ['an empty command', { command: [] }, /invalid healthcheck.command \[\]; allowed: a non-empty array whose first element names the program/],
    ['an empty program', { command: [''] }, /healthcheck.command \[""\]/],
    ['a newline that would start an instruction', { command: ['curl', 'x\nRUN id'] }, /healthcheck.command\[1\] "x\\nRUN id".*without newlines/],
    ['a check every 0 seconds', { command: ['true'], intervalSeconds: 0 }, /healthcheck.intervalSeconds 0; allowed: a whole number from 1/],
    ['a timeout of 0 seconds', { command: ['true'], timeoutSeconds: 0 }, /healthcheck.timeoutSeconds 0; allowed: a whole number from 1/],
    // dockerfile-utils refuses `--start-period=0s` (under 1 ms), and no start period is Docker's default.
    ['a start period of 0 seconds', { command: ['true'], startPeriodSeconds: 0 }, /healthcheck.startPeriodSeconds 0; allowed: a whole number from 1 \(leave it out for Docker's default\)/],
    ['0 retries (Docker reads it as its default)', { command: ['true'], retries: 0 }, /healthcheck.retries 0; allowed: a whole number from 1/],
    ['a fraction of a second', { command: ['true'], intervalSeconds: 1.5 }, /healthcheck.intervalSeconds 1.5; allowed: a whole number/],
    ['a duration as text', { command: ['true'], intervalSeconds: '30s' }, /healthcheck.intervalSeconds "30s"; allowed: a whole number/],
    ['a command as one string', { command: 'curl -f http://localhost' }, /healthcheck.command "curl -f http:\/\/localhost"; allowed: a list of/],
    ['Docker\'s flag name', { command: ['true'], interval: 30 }, /unknown option healthcheck.interval; allowed: command, intervalSeconds, timeoutSeconds, startPeriodSeconds, retries/],
    ['null', null, /healthcheck null/],
  ])('%s', (_name, healthcheck, message) => {
    const make = () => new PixiDockerImageSpec({ healthcheck: healthcheck as ImageHealthcheck });
    expect(make).toThrow(PixiValidationError);
    expect(make).toThrow(message);
  });
});
