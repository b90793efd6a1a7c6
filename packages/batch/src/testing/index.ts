/**
 * Test helpers of @voirs/batch (`@voirs/batch/testing`): a throw-away redis-server for queue tests.
 * @packageDocumentation
 */
export * from './redis-server.js';
