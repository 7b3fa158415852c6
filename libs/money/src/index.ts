export * from './money.js';
export * from './bishkek-month.js';
