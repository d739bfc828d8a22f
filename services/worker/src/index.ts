export * from './steps/index.ts';
