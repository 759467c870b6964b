/**
 * The Dapr app ids of the project's apps. Dapr keys actor state by them (`<app id>||<actor
 * type>||<id>||<key>`), caller assertions name their signer and audience by them, and the local
 * stack and the chart deploy under them: one spelling for all.
 */
export const APP_IDS = {
  actors: 'todo-actors',
  projector: 'todo-projector',
  audit: 'todo-audit',
  notifier: 'todo-notifier',
  realtime: 'todo-realtime',
  gateway: 'todo-gateway',
} as const;
export type AppId = (typeof APP_IDS)[keyof typeof APP_IDS];
