/**
 * The operator of the shared test stack: tests/setup/stack.global.ts puts this id in the
 * gateway's OPERATOR_USER_IDS, and tests sign tokens for it (tests/support/api.ts).
 */
export const TEST_OPERATOR_ID = 'test-operator';
