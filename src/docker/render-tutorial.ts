import { keyValueInstruction } from './dockerfile-text';
import { WHOLE_CONTEXT } from './image-sources';
import { environmentArgument, installCommand } from './install-command';
import { LOCK_FILE, TUTORIAL_ENTRYPOINT_PATH } from './layout';
import type { PixiDockerImageSpec } from './pixi-docker-image-spec';
import { healthcheckInstruction } from './render-healthcheck';

/**
 * The lesson's recipe, instruction for instruction (see DockerRecipe.TUTORIAL). Its spacing,
 * `./` prefixes and `[ "..." ]` exec form are kept so the file reads exactly like the lesson.
 */
export function renderTutorialDockerfile(spec: PixiDockerImageSpec, header?: string): string {
  const env = spec.environment;
  const manifest = spec.manifestFile;
  const lock = LOCK_FILE;
  const lines: string[] = [];
  if (header) lines.push(`# ${header}`);
  lines.push(
    `FROM ${spec.baseImage} AS build`,
    '',
    'WORKDIR /app',
    'COPY . .',
  );
  if (spec.cudaVersion) lines.push(`ENV CONDA_OVERRIDE_CUDA=${spec.cudaVersion}`);
  lines.push(
    `RUN ${installCommand(spec)}`,
    'RUN echo "#!/bin/bash" > /app/entrypoint.sh && \\',
    `    pixi shell-hook ${environmentArgument(env)} -s bash >> /app/entrypoint.sh && \\`,
    '    echo \'exec "$@"\' >> /app/entrypoint.sh',
    '',
    `FROM ${spec.finalImage} AS final`,
    '',
    'WORKDIR /app',
    `COPY --from=build /app/.pixi/envs/${env} /app/.pixi/envs/${env}`,
    `COPY --from=build /app/${manifest} /app/${manifest}`,
    `COPY --from=build /app/${lock} /app/${lock}`,
    '# The ignore files are needed for \'pixi run\' to work in the container',
    'COPY --from=build /app/.pixi/.gitignore /app/.pixi/.gitignore',
    'COPY --from=build /app/.pixi/.condapackageignore /app/.pixi/.condapackageignore',
    'COPY --from=build --chmod=0755 /app/entrypoint.sh /app/entrypoint.sh',
  );
  // The entrypoint sources the workspace's activation scripts from their workspace path.
  for (const script of spec.activationScripts) lines.push(`COPY --from=build /app/${script} /app/${script}`);
  // The lesson writes `./app`; the whole context is `.`.
  for (const source of spec.sources) lines.push(`COPY ${source.from === WHOLE_CONTEXT ? WHOLE_CONTEXT : `./${source.from}`} ${source.to}`);
  const extras = [keyValueInstruction('ENV', spec.env), keyValueInstruction('LABEL', spec.labels)].filter(isDefined);
  if (extras.length > 0) lines.push(...extras);
  lines.push('');
  if (spec.ports.length > 0) lines.push(`EXPOSE ${spec.ports.join(' ')}`);
  if (spec.healthcheck) lines.push(healthcheckInstruction(spec.healthcheck, TUTORIAL_ENTRYPOINT_PATH));
  lines.push('ENTRYPOINT [ "/app/entrypoint.sh" ]');
  if (spec.command) lines.push(`CMD [ ${spec.command.map((arg) => JSON.stringify(arg)).join(', ')} ]`);
  return lines.join('\n') + '\n';
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
