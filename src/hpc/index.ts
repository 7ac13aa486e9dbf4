export * from './options';
export * from './job-values';
export * from './job-of-image';
export * from './htcondor-job-spec';
export * from './slurm-job-spec';
export * from './hpc-jobs';
