export * from './api-result.decorator.js';
export * from './answer-fields.js';
export * from './problem.schema.js';
