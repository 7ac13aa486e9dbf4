export * from './options';
export * from './renovate-config-spec';
export * from './renovate-config';
