export * from './parked-message.schema.js';
export * from './parked-messages.js';
export * from './parked-messages.controller.js';
export * from './parked-messages.migration.js';
