import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mailTemplates } from '../platform/mail/templates.js';
import { workRegistry } from './jobs.js';
import { modules } from './modules.js';

/**
 * The schemas the manifests declare are built on first use, not when a manifest is imported (cold
 * start, docs/adr/0008): a schema that cannot be built, or a schedule whose payload its job refuses,
 * would otherwise show only when first used. Each is built here, once per process, for every module.
 */
describe('the schemas the manifests declare (built on first use)', () => {
  const isSchema = (value: unknown) => expect(value).toBeInstanceOf(z.ZodType);

  it('build, once: job payloads, event payloads, metric parameters and action inputs', async () => {
    for (const type of workRegistry.jobs.types) {
      const job = workRegistry.jobs.get(type)!;
      isSchema(await job.payload());
      expect(job.payload(), type).toBe(job.payload());
    }
    for (const event of workRegistry.events.values()) {
      isSchema(await event.payload());
      expect(event.payload(), event.name).toBe(event.payload());
    }
    for (const metric of modules.flatMap((m) => m.metrics ?? [])) {
      isSchema(await metric.params());
      expect(metric.params(), metric.key).toBe(metric.params());
    }
    for (const action of modules.flatMap((m) => m.actions ?? [])) isSchema(await action.input());
  });

  it('build the data schema of every mail template the manifests register', async () => {
    const templates = mailTemplates();
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) {
      isSchema(await template.data());
      expect(template.data(), template.name).toBe(template.data());
    }
  });

  it('accept every schedule’s payload (its job’s schema parses it)', async () => {
    expect(workRegistry.schedules.size).toBeGreaterThan(0);
    for (const schedule of workRegistry.schedules.values()) {
      await expect(schedule.payload(), schedule.name).resolves.toBeDefined();
      expect(schedule.payload()).toBe(schedule.payload());
    }
  });
});
