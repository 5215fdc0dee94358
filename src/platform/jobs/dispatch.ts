/** A wake-up for one job: the jobs table holds everything else (payload, status, checkpoint). */
export interface JobMessage {
  kind: 'job';
  id: string;
  type: string;
  /**
   * When the job is due, for one due later than SQS can delay a message (15 minutes): the worker sends
   * the message on with the rest of the delay without touching the database, so a job due in a month
   * does not wake a paused Aurora every 15 minutes.
   */
  notBefore?: string;
}

/** Where the relay sends jobs once they are committed: SQS on AWS, the in-process worker locally. */
export interface Dispatcher {
  /** Each job with the seconds it should wait (0 = now; SQS allows up to 900). Throws if not sent. */
  dispatch: (messages: readonly { message: JobMessage; delaySeconds: number }[]) => Promise<void>;
}

/** SQS's longest delivery delay: a retry due later is delayed this much and delayed again on arrival. */
export const MAX_DELAY_SECONDS = 900;

/** Parses an SQS message body into a job message, or says why it cannot. */
export function parseJobMessage(body: string): JobMessage | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { error: 'the message body is not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { error: 'the message body is not an object' };
  const { kind, id, type } = value as Record<string, unknown>;
  if (kind !== 'job' || typeof id !== 'string' || typeof type !== 'string')
    return { error: 'the message is not {"kind":"job","id":…,"type":…}' };
  if (!/^[0-9a-f-]{36}$/i.test(id)) return { error: 'the job id is not a uuid' };
  const { notBefore } = value as Record<string, unknown>;
  if (notBefore === undefined) return { kind, id, type };
  if (typeof notBefore !== 'string' || Number.isNaN(Date.parse(notBefore)))
    return { error: 'notBefore is not a date and time' };
  return { kind, id, type, notBefore };
}

/**
 * Sends job messages to an SQS queue, ten per request (the batch limit). The SDK is imported on first
 * use, so a function that never sends pays nothing at cold start.
 */
export function sqsDispatcher(queueUrl: string): Dispatcher {
  let client: Promise<{
    send: (messages: { Id: string; MessageBody: string; DelaySeconds: number }[]) => Promise<void>;
  }>;
  const getClient = () => {
    client ??= import('@aws-sdk/client-sqs').then(({ SQSClient, SendMessageBatchCommand }) => {
      const sqs = new SQSClient({});
      return {
        send: async (entries) => {
          const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
          if (out.Failed && out.Failed.length > 0)
            throw new Error(
              `SQS refused ${out.Failed.length} message(s): ${out.Failed[0]?.Message ?? out.Failed[0]?.Code}`,
            );
        },
      };
    });
    return client;
  };
  return {
    dispatch: async (messages) => {
      if (messages.length === 0) return;
      const sqs = await getClient();
      for (let i = 0; i < messages.length; i += 10) {
        await sqs.send(
          messages.slice(i, i + 10).map((m, n) => ({
            Id: String(i + n),
            MessageBody: JSON.stringify(m.message),
            DelaySeconds: Math.max(0, Math.min(MAX_DELAY_SECONDS, Math.ceil(m.delaySeconds))),
          })),
        );
      }
    },
  };
}
