import { PixiWorkspaceOptions } from '../../src';

/** The lesson's cuda-exercise workspace: PyTorch in a cpu and a gpu environment. */
export const CUDA_EXERCISE_WORKSPACE: PixiWorkspaceOptions = {
  name: 'cuda-exercise', version: '0.1.0', channels: ['conda-forge'],
  platforms: ['linux-64', 'osx-arm64', 'win-64'],
  dependencies: { python: '>=3.13.5,<3.14' },
  features: {
    cpu: { dependencies: { 'pytorch-cpu': '>=2.7.1,<3' } },
    gpu: {
      systemRequirements: { cuda: '12' },
      targets: {
        'linux-64': { dependencies: { 'pytorch-gpu': '>=2.7.1,<3' } },
        'win-64': { dependencies: { 'pytorch-gpu': '>=2.7.1,<3' } },
      },
    },
  },
  environments: { cpu: { features: ['cpu'] }, gpu: { features: ['gpu'] } },
};
