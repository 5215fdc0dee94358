import jsonata from 'jsonata';

/** A flow expression that did not parse, or failed (or ran too long) when evaluated. */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const MAX_MS = 1_000;
const MAX_DEPTH = 200;

interface JsonataError {
  message?: string;
  position?: number;
}

const describe = (error: unknown): string => {
  const e = error as JsonataError;
  return `${e.message ?? String(error)}${e.position !== undefined ? ` (at ${e.position})` : ''}`;
};

/**
 * Parses a JSONata expression (the one expression language of flows: no `eval`, no access to the
 * process). Throws an `ExpressionError` naming the problem and its position.
 */
export function compile(text: string): jsonata.Expression {
  try {
    return jsonata(text);
  } catch (error) {
    throw new ExpressionError(describe(error));
  }
}

/** Why `text` is not a valid expression, or null. */
export function syntaxError(text: string): string | null {
  try {
    compile(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Evaluates an expression over `context` (the trigger, previous steps' outputs, variables), time-boxed
 * (1 s, 200 levels deep) so a runaway expression fails its step instead of stalling the worker. The
 * result is plain JSON (`undefined` when nothing matched).
 */
export async function evaluate(text: string, context: Record<string, unknown>): Promise<unknown> {
  // Compiled per evaluation: the hooks below belong to this evaluation only.
  const expression = compile(text);
  const started = Date.now();
  let depth = 0;
  expression.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, () => {
    depth++;
    if (depth > MAX_DEPTH) throw new ExpressionError(`The expression nests deeper than ${MAX_DEPTH} levels`);
    if (Date.now() - started > MAX_MS) throw new ExpressionError(`The expression ran longer than ${MAX_MS} ms`);
  });
  expression.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, () => {
    depth--;
  });
  let result: unknown;
  try {
    result = await expression.evaluate(context);
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(describe(error));
  }
  return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
}
