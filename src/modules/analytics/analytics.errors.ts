import { AppError, type FieldError } from '../../platform/errors/app-error.js';

/** The Analytics module's error codes (the problem `type` ends with the code). */
export type AnalyticsErrorCode =
  'unknown-dataset' | 'dataset-not-visible' | 'invalid-query' | 'not-owner' | 'question-not-visible';

export const analyticsErrors = {
  unknownDataset: (path: string, key: string) =>
    new AppError('unknown-dataset', 422, 'Unknown dataset', {
      detail: `No dataset "${key}" is declared.`,
      errors: [{ path, message: `No dataset "${key}".`, code: 'unknown_dataset' }],
    }),
  datasetNotVisible: (key: string, permission: string) =>
    new AppError('dataset-not-visible', 403, 'Dataset not visible', {
      detail: `You need the permission "${permission}" to query the dataset "${key}".`,
      extensions: { requiredPermission: permission },
    }),
  /** The query does not fit its dataset's declaration (fields, types, operators). */
  invalidQuery: (errors: FieldError[]) =>
    new AppError('invalid-query', 422, 'Invalid query', {
      detail: errors.map((e) => `${e.path}: ${e.message}`).join(' '),
      errors,
    }),
  notOwner: (what: string) =>
    new AppError('not-owner', 403, 'Not the owner', {
      detail: `Only the owner of this ${what} (or an analytics administrator) may change it.`,
    }),
  questionNotVisible: (path: string, id: string) =>
    new AppError('question-not-visible', 422, 'Question not visible', {
      detail: `The question ${id} does not exist or is not shared with you.`,
      errors: [{ path, message: 'No such question you may see.', code: 'question_not_visible' }],
    }),
} satisfies Record<string, (...args: never[]) => AppError<AnalyticsErrorCode>>;
