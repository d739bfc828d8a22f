export { main } from './main.ts';
export { loadConfig, type VellumConfig } from './config.ts';
