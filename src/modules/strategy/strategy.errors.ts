import { AppError } from '../../platform/errors/app-error.js';

/** The Strategy module's error codes (the problem `type` ends with the code). */
export type StrategyErrorCode =
  | 'cycle-closed'
  | 'not-objective-owner'
  | 'objective-hierarchy'
  | 'unknown-metric'
  | 'metric-not-visible'
  | 'invalid-metric-params'
  | 'key-result-kind'
  | 'key-result-direction'
  | 'objective-link'
  | 'objective-link-exists';

export const strategyErrors = {
  cycleClosed: (name: string) =>
    new AppError('cycle-closed', 409, 'Cycle closed', {
      detail: `The cycle "${name}" is closed: its objectives, key results and scores are frozen.`,
    }),
  notOwner: () =>
    new AppError('not-objective-owner', 403, 'Not the objective owner', {
      detail: 'Only the owner of this objective (or a strategy administrator) may do this.',
    }),
  hierarchy: (path: string, message: string) =>
    new AppError('objective-hierarchy', 422, 'Objective hierarchy', {
      detail: message,
      errors: [{ path, message, code: 'objective_hierarchy' }],
    }),
  unknownMetric: (path: string, key: string) =>
    new AppError('unknown-metric', 422, 'Unknown metric', {
      detail: `No metric "${key}" is registered.`,
      errors: [{ path, message: `No metric "${key}".`, code: 'unknown_metric' }],
    }),
  metricNotVisible: (key: string, permission: string) =>
    new AppError('metric-not-visible', 403, 'Metric not visible', {
      detail: `You need the permission "${permission}" to see the metric "${key}".`,
      extensions: { requiredPermission: permission },
    }),
  invalidParams: (errors: { path: string; message: string }[]) =>
    new AppError('invalid-metric-params', 422, 'Invalid metric parameters', {
      detail: "The parameters do not fit the metric's schema.",
      errors: errors.map((e) => ({ ...e, code: 'invalid_metric_params' })),
    }),
  kind: (path: string, message: string) =>
    new AppError('key-result-kind', 422, 'Not for this kind of key result', {
      detail: message,
      errors: [{ path, message, code: 'key_result_kind' }],
    }),
  direction: (message: string) =>
    new AppError('key-result-direction', 422, 'Target against the metric', {
      detail: message,
      errors: [{ path: 'targetValue', message, code: 'key_result_direction' }],
    }),
  link: (path: string, message: string) =>
    new AppError('objective-link', 422, 'Not a strategy map link', {
      detail: message,
      errors: [{ path, message, code: 'objective_link' }],
    }),
  linkExists: (reversed: boolean) =>
    new AppError('objective-link-exists', 409, 'Already linked', {
      detail: reversed
        ? 'These objectives are already linked the other way round: a cause cannot also be its effect.'
        : 'These objectives are already linked.',
      errors: [
        {
          path: 'toId',
          message: reversed ? 'Already linked the other way round.' : 'Already linked.',
          code: 'objective_link_exists',
        },
      ],
    }),
} satisfies Record<string, (...args: never[]) => AppError<StrategyErrorCode>>;
