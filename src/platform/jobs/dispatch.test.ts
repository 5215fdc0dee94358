import { describe, expect, it, vi } from 'vitest';

const sent: { QueueUrl: string; Entries: { Id: string; MessageBody: string; DelaySeconds: number }[] }[] = [];
vi.mock('@aws-sdk/client-sqs', () => ({
  SQSClient: class {
    send(command: { input: (typeof sent)[number] }) {
      sent.push(command.input);
      return Promise.resolve({
        Failed: command.input.Entries.some((e) => e.MessageBody.includes('refuse'))
          ? [{ Id: '0', Code: 'X', Message: 'refused' }]
          : [],
      });
    }
  },
  SendMessageBatchCommand: class {
    constructor(readonly input: unknown) {}
  },
}));

const { parseJobMessage, sqsDispatcher } = await import('./dispatch.js');

describe('the SQS dispatcher', () => {
  it('sends ten messages per batch, each delay within SQS’s 0–900 s, and throws when SQS refuses one', async () => {
    const dispatcher = sqsDispatcher('https://sqs.eu-west-1.amazonaws.com/123456789012/moms-jobs');
    const messages = Array.from({ length: 23 }, (_, i) => ({
      message: {
        kind: 'job' as const,
        id: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
        type: 'x.y',
      },
      delaySeconds: i === 0 ? 5000 : i === 1 ? -3 : 0,
    }));
    await dispatcher.dispatch(messages);
    expect(sent.map((b) => b.Entries.length)).toEqual([10, 10, 3]);
    expect(sent[0]!.Entries[0]!.DelaySeconds).toBe(900);
    expect(sent[0]!.Entries[1]!.DelaySeconds).toBe(0);
    expect(parseJobMessage(sent[2]!.Entries[2]!.MessageBody)).toEqual(messages[22]!.message);
    await expect(
      dispatcher.dispatch([{ message: { kind: 'job', id: 'x', type: 'refuse' }, delaySeconds: 0 }]),
    ).rejects.toThrow(/refused/);
  });
});

describe('job messages', () => {
  it('are {kind:"job", id: uuid, type}; anything else says why not', () => {
    expect(parseJobMessage('nope')).toEqual({ error: 'the message body is not JSON' });
    expect(parseJobMessage('{"type":"a.b","id":"j1","payload":{}}')).toHaveProperty('error');
    expect(parseJobMessage('{"kind":"job","id":"j1","type":"a.b"}')).toEqual({ error: 'the job id is not a uuid' });
  });
});
