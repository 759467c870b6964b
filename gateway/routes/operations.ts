import type { OperationSpec } from '../http/operation.ts';
import { authOperations } from './auth.ts';
import { chatOperations } from './chat.ts';
import { clientConfigOperations } from './client-config.ts';
import { historyOperations } from './history.ts';
import { inspectOperations } from './inspect.ts';
import { profileOperations } from './me.ts';
import { operatorOperations } from './operator.ts';
import { passwordOperations } from './password.ts';
import { quickAddOperations } from './quick-add.ts';
import { snoozeOperations } from './snooze.ts';
import { taskViewOperations } from './task-views.ts';
import { taskOperations } from './tasks.ts';

/** Every operation of /api/v1, in the order the OpenAPI document lists them. */
export const apiOperations: readonly OperationSpec[] = [
  ...clientConfigOperations,
  ...authOperations,
  ...snoozeOperations,
  ...taskOperations,
  ...quickAddOperations,
  ...taskViewOperations,
  ...historyOperations,
  ...chatOperations,
  ...profileOperations,
  ...passwordOperations,
  ...inspectOperations,
  ...operatorOperations,
];
