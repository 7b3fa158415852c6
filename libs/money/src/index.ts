export * from './money.js';
export * from './bishkek-time.js';
