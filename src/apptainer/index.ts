export * from './apptainer-definition-spec';
export * from './apptainer-definition';
