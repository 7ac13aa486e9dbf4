import { expandMacros, parseClassAdExpression, queueVariables, splitNewArguments, submitFileFindings } from '../helpers/htcondor-submit';

/** A sound file, each line of which one test below breaks. */
const SOUND = [
  '# a comment',
  'universe = container',
  'container_image = docker://ghcr.io/lab/repo:sha-abc1234',
  'executable = /opt/pixi-image/entrypoint.sh',
  'arguments = "\'python\' \'it\'\'s\' \'$(input)\'"',
  'request_memory = 4GB',
  'request_disk = 10GB',
  'requirements = (OpSysMajorVer == 9) && (TARGET.HasCHTCStaging =?= true)',
  '+ProjectName = "my-lab"',
  'log = job.$(Cluster).log',
  'output = job.$(Cluster).$(Process).out',
  'queue 1 input from inputs.txt',
].join('\n');

function broken(find: string, replace: string): string {
  if (!SOUND.includes(find)) throw new Error(`not in the sound file: ${find}`);
  return SOUND.replace(find, replace);
}

describe('the independent submit-file checker', () => {
  test('finds nothing wrong with a sound file', () => {
    expect(submitFileFindings(SOUND)).toEqual([]);
  });

  // Each check fails once on a file that breaks its rule.
  test.each([
    ['an unknown command', broken('universe = container', 'univers = container'), /unknown command univers/],
    ['a command given twice (any case)', broken('request_disk = 10GB', 'request_disk = 10GB\nREQUIREMENTS = true'), /requirements given twice .*only the last counts/i],
    ['an attribute given twice', broken('+ProjectName = "my-lab"', '+ProjectName = "my-lab"\n+projectname = "x"'), /projectname given twice/],
    ['an undefined macro', broken('$(Process).out', '$(Proces).out'), /macro \$\(Proces\) is not defined/],
    ['an amount without its unit', broken('request_memory = 4GB', 'request_memory = 4096'), /request_memory = 4096 has no unit/],
    ['a requirements that is no ClassAd', broken('(OpSysMajorVer == 9)', '(OpSysMajorVer == 9'), /requirements is not a ClassAd expression/],
    ['an attribute value that is no ClassAd', broken('"my-lab"', 'my lab'), /ProjectName is not a ClassAd expression/],
    ['arguments with a lone double quote', broken('\'it\'\'s\'', '\'it"s\''), /arguments: a lone "/],
    ['arguments with an unclosed single quote', broken('\'it\'\'s\'', '\'its'), /arguments: an unclosed single quote/],
    ['a command after the queue', `${SOUND}\nrequest_cpus = 2`, /after the last queue/],
    ['no queue', broken('queue 1 input from inputs.txt', ''), /0 queue statements/],
    ['a line that is no command', broken('# a comment', 'universe container'), /not a command/],
  ])('finds %s', (_what, text, finding) => {
    expect(submitFileFindings(text).join('\n')).toMatch(finding);
  });

  test('reads the queue forms\' variables as the manual says (Item when none is named)', () => {
    expect(queueVariables('1 input from inputs.txt')).toEqual(['input']);
    expect(queueVariables('a, b from args.txt')).toEqual(['a', 'b']);
    expect(queueVariables('matching files *.csv')).toEqual(['Item']);
    expect(queueVariables('3')).toEqual([]);
  });

  test('splits the new argument syntax into the words the job gets', () => {
    expect(splitNewArguments('"\'one\' \'two words\' \'it\'\'s\' \'say ""hi""\'"')).toEqual(['one', 'two words', "it's", 'say "hi"']);
    expect(splitNewArguments('"3 simple arguments"')).toEqual(['3', 'simple', 'arguments']);
    expect(expandMacros("'$(DOLLAR)HOME' '$(input)'", { input: 'a.csv' })).toBe("'$HOME' 'a.csv'");
  });

  test('parses ClassAd expressions of the reference and refuses broken ones', () => {
    for (const ok of ['true', 'MY.x + 3 * (TARGET.y - 1) >= 2.5', 'ifThenElse(a isnt undefined, {1, 2}, "s\\"q")', 'a ? b : c', '!(x =!= y)']) {
      expect(() => parseClassAdExpression(ok)).not.toThrow();
    }
    for (const bad of ['', 'a &&', '(a', 'a b', 'f(1,', '"open']) {
      expect(() => parseClassAdExpression(bad)).toThrow();
    }
  });
});
