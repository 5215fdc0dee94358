import { describe, expect, it } from 'vitest';
import { stages } from '../config/stages.js';
import { floorMicroUsd, knobTable } from './knobs.js';

/* Hand-computed from prices.ts as in estimate.test.ts (prod, 1M requests: $197.464591 as configured). */
describe('the cost knobs (prod, 1M requests)', () => {
  const workload = { requestsPerMonth: 1_000_000 };
  const rows = knobTable(stages.prod, workload);
  const row = (knob: string, setting: RegExp) => rows.find((r) => r.knob === knob && setting.test(r.setting))!;

  it('has a floor of Lambda on demand + HTTP API + the writer’s minimum ACUs', () => {
    // Lambda 402,000 + 1,981,077 (148,580 GB-s all on demand) + HTTP API 1,110,000
    // + 0.5 ACU × 730 h × $0.13 = 47,450,000
    expect(floorMicroUsd(stages.prod, workload)).toBe(50_943_077);
  });

  it('marks exactly one setting of each knob as configured, and prices it as the stage is', () => {
    for (const knob of ['Aurora reader', 'Provisioned concurrency', 'Database access']) {
      const configured = rows.filter((r) => r.knob === knob && r.configured);
      expect(configured, knob).toHaveLength(1);
      expect(configured[0]!.deltaMicroUsd).toBe(0);
      // 197,464,591 / 50,943,077
      expect(configured[0]!.ratioToFloor).toBeCloseTo(3.87618, 4);
    }
  });

  it('prices each setting: reader off, office-hours provisioned concurrency, endpoints in 1 AZ, the Data API', () => {
    // Without the reader the ACU-hours halve: 951.8333 → 475.9167 ACU-h; 123,738,333 − 61,869,167
    expect(row('Aurora reader', /off/).deltaMicroUsd).toBe(-61_869_166);
    // Office hours: 6,570,000 GB-s × 220 / 730 = 1,980,000 × $0.0000033334 = 6,600,132 instead of 21,900,438
    // (the traffic still fits on the environments: 2 × 1 GB × 792,000 s ≥ 120,000 GB-s)
    expect(row('Provisioned concurrency', /office hours/).deltaMicroUsd).toBe(6_600_132 - 21_900_438);
    // None: −21,900,438 − 952,781 (duration on provisioned); on demand instead: API 120,000 + authorizer 2,500
    // + init of the cold starts now on demand (10,000 × 0.4 s × 1 GB + 10,000 × 0.4 s × 0.5 GB = 6,000 GB-s)
    // = 128,500 GB-s × $0.0000133334 = 1,713,342; GetSecretValue at those cold starts: API 10,000 × 3 (JWT,
    // database, origin verify) + authorizer 10,000 × 1 = 40,000 × $0.05 / 10,000 = 200,000; the API's
    // 30,000 through the endpoints × 4 KB = 0.12 GB × $0.01 = 1,200
    expect(row('Provisioned concurrency', /none/).deltaMicroUsd).toBe(
      -21_900_438 - 952_781 + 1_713_342 + 200_000 + 1_200,
    );
    // Endpoints in 1 AZ: 2 services × 1 AZ × 730 h × $0.011 = 16,060,000 less
    expect(row('Database access', /1 AZ/).deltaMicroUsd).toBe(-16_060_000);
    const dataApi = row('Database access', /Data API/);
    expect(dataApi.network).toBe('data-api');
    // − 32,120,000 endpoints − 404 endpoint traffic − 500 worker secret reads + 1,400,000 Data API calls
    expect(dataApi.deltaMicroUsd).toBe(-32_120_000 - 404 - 500 + 1_400_000);
  });

  it('all three savings together come within twice the floor', () => {
    const together = row('Together', /reader off/);
    expect(together.ratioToFloor).toBeLessThan(2);
    expect(together.ratioToFloor).toBeGreaterThan(1);
  });
});
