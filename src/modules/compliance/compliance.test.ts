import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { controlHealth } from './controls/health.js';
import { canonicalJson, sealArtefact, sha256Hex } from './evidence/artefact.js';
import { isPrivileged } from './evidence/collectors.js';
import { compareVersions, parseLibrary } from './frameworks/library/format.js';
import { gdpr } from './frameworks/library/gdpr.js';
import { nistCsf2 } from './frameworks/library/nist-csf-2.0.js';
import { bandOf, heatMap, matrixProblems } from './risks/matrix.js';

const caught = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('did not throw');
};

const doc = (requirements: unknown) => ({
  format: 'moms-compliance-library/1',
  framework: { key: 'acme', version: '1.0', name: 'Acme' },
  requirements,
});

describe('the library format', () => {
  it('NIST CSF 2.0 has its 6 functions, 22 categories and 106 subcategories', () => {
    const { flat } = parseLibrary(nistCsf2);
    expect(flat.filter((r) => r.depth === 0).map((r) => r.refId)).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
    expect(flat.filter((r) => r.depth === 1)).toHaveLength(22);
    const subs = flat.filter((r) => r.depth === 2);
    expect(subs).toHaveLength(106);
    expect(subs.every((s) => s.assessable && /^[A-Z]{2}\.[A-Z]{2}-\d{2}$/.test(s.refId))).toBe(true);
    // Each subcategory sits under the category its id names.
    for (const s of subs) expect(s.refId.startsWith(flat[s.parent!]!.refId)).toBe(true);
  });

  it('GDPR has its 99 articles under 11 chapters; chapters II–V are assessable', () => {
    const { flat } = parseLibrary(gdpr);
    const articles = flat.filter((r) => r.depth === 1);
    expect(flat.filter((r) => r.depth === 0)).toHaveLength(11);
    expect(articles.map((a) => a.refId)).toEqual(Array.from({ length: 99 }, (_, i) => `Art. ${i + 1}`));
    expect(articles.find((a) => a.refId === 'Art. 32')).toMatchObject({
      title: 'Security of processing',
      assessable: true,
    });
    expect(articles.find((a) => a.refId === 'Art. 51')?.assessable).toBe(false);
  });

  it('a bad node is a 422 naming its path and its refId', () => {
    const error = caught(() =>
      parseLibrary(doc([{ refId: 'A', title: 'A', children: [{ refId: 'A.1', title: '' }] }])),
    );
    expect(error.status).toBe(422);
    expect(error.errors?.[0]).toMatchObject({ path: 'requirements.0.children.0.title' });
    expect(error.errors?.[0]?.message).toContain('Requirement "A.1"');
  });

  it('duplicate refIds, unknown fields, a wrong format and too deep a tree are refused', () => {
    const dup = caught(() =>
      parseLibrary(
        doc([
          { refId: 'A', title: 'A' },
          { refId: 'A', title: 'Again' },
        ]),
      ),
    );
    expect(dup.errors?.[0]).toMatchObject({ path: 'requirements.1.refId', code: 'duplicate' });
    expect(caught(() => parseLibrary(doc([{ refId: 'A', title: 'A', colour: 'red' }]))).status).toBe(422);
    expect(caught(() => parseLibrary({ ...doc([{ refId: 'A', title: 'A' }]), format: 'other/1' })).status).toBe(422);
    let deep: Record<string, unknown> = { refId: 'leaf', title: 'leaf' };
    for (let i = 0; i < 10_000; i++) deep = { refId: `n${i}`, title: 't', children: [deep] };
    expect(caught(() => parseLibrary(doc([deep]))).errors?.[0]?.code).toBe('too_deep');
  });

  it('a node is assessable by default when it has no children', () => {
    const { flat } = parseLibrary(doc([{ refId: 'A', title: 'A', children: [{ refId: 'A.1', title: 'One' }] }]));
    expect(flat.map((r) => [r.refId, r.assessable, r.depth, r.parent])).toEqual([
      ['A', false, 0, null],
      ['A.1', true, 1, 0],
    ]);
  });

  it("reads CISO Assistant's framework library (flat nodes with parent URNs)", () => {
    const { library, flat } = parseLibrary({
      urn: 'urn:intuitem:risk:library:acme',
      name: 'Acme library',
      version: 3,
      provider: 'Acme',
      objects: {
        framework: {
          urn: 'urn:intuitem:risk:framework:acme',
          ref_id: 'ACME Sec',
          name: 'Acme Security',
          requirement_nodes: [
            { urn: 'urn:x:1', ref_id: '1', name: 'Governance', assessable: false, depth: 1 },
            { urn: 'urn:x:1.1', parent_urn: 'urn:x:1', ref_id: '1.1', description: 'Have a policy', assessable: true },
          ],
        },
      },
    });
    expect(library.framework).toMatchObject({ key: 'acme-sec', version: '3', name: 'Acme Security' });
    expect(flat.map((r) => [r.refId, r.title, r.parent])).toEqual([
      ['1', 'Governance', null],
      ['1.1', 'Have a policy', 0],
    ]);
  });

  it('orders versions numerically', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0', '1.1')).toBeGreaterThan(0);
    expect(compareVersions('2.0', '2.0')).toBe(0);
  });
});

describe('artefacts', () => {
  it('canonical JSON sorts keys at every level, so equal content hashes equal', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
    const one = sealArtefact({
      collector: 'c',
      collectedAt: new Date(0),
      status: 'passed',
      summary: 's',
      result: { b: 1, a: 2 },
    });
    const two = sealArtefact({
      collector: 'c',
      collectedAt: new Date(0),
      status: 'passed',
      summary: 's',
      result: { a: 2, b: 1 },
    });
    expect(one).toEqual(two);
    expect(one.sha256).toBe(sha256Hex(one.text));
    expect(sha256Hex(one.text.replace('"b":1', '"b":2'))).not.toBe(one.sha256);
  });
});

describe('control health', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const base = {
    status: 'implemented' as const,
    nextReviewDate: '2027-01-01',
    collectors: ['audit-log-chain'],
    expiredEvidence: 0,
    now,
  };
  const ran = (status: 'passed' | 'failed', hoursAgo: number) =>
    new Map([['audit-log-chain', { status, collectedAt: new Date(now.getTime() - hoursAgo * 3_600_000) }]]);

  it('green with a fresh passing run, red when it fails, amber when stale or never run', () => {
    expect(controlHealth({ ...base, latestRuns: ran('passed', 1) })).toEqual({ status: 'green', reasons: [] });
    expect(controlHealth({ ...base, latestRuns: ran('failed', 1) }).status).toBe('red');
    const stale = controlHealth({ ...base, latestRuns: ran('passed', 27) });
    expect(stale.status).toBe('amber');
    expect(stale.reasons[0]?.code).toBe('collector-stale');
    expect(controlHealth({ ...base, latestRuns: new Map() }).reasons[0]?.code).toBe('collector-never-run');
  });

  it('amber for an overdue review, expired evidence or a control not yet implemented; red when not implemented', () => {
    const fresh = ran('passed', 1);
    expect(controlHealth({ ...base, latestRuns: fresh, nextReviewDate: '2026-12-06' }).reasons[0]?.code).toBe(
      'review-overdue',
    );
    expect(controlHealth({ ...base, latestRuns: fresh, expiredEvidence: 2 }).status).toBe('amber');
    expect(controlHealth({ ...base, latestRuns: fresh, status: 'planned' }).status).toBe('amber');
    expect(controlHealth({ ...base, latestRuns: fresh, status: 'not-implemented' }).status).toBe('red');
  });
});

describe('risk matrix', () => {
  const matrix = {
    likelihoodLevels: ['1', '2', '3', '4', '5'],
    impactLevels: ['1', '2', '3', '4', '5'],
    bands: [
      { name: 'low', minScore: 1 },
      { name: 'medium', minScore: 5 },
      { name: 'high', minScore: 10 },
      { name: 'critical', minScore: 17 },
    ],
  };
  it('bands scores and counts per cell, every cell present', () => {
    expect([1, 4, 5, 9, 10, 16, 17, 25].map((s) => bandOf(matrix, s))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    const cells = heatMap(matrix, [
      { likelihood: 5, impact: 5 },
      { likelihood: 5, impact: 5 },
      { likelihood: 1, impact: 2 },
    ]);
    expect(cells).toHaveLength(25);
    expect(cells.find((c) => c.likelihood === 5 && c.impact === 5)).toMatchObject({
      count: 2,
      score: 25,
      band: 'critical',
    });
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(3);
  });
  it('refuses bands that do not start at 1, do not go up, or exceed the matrix', () => {
    expect(matrixProblems(matrix)).toEqual([]);
    expect(matrixProblems({ ...matrix, bands: [{ name: 'a', minScore: 2 }] })[0]?.path).toBe('bands.0.minScore');
    expect(
      matrixProblems({
        ...matrix,
        bands: [
          { name: 'a', minScore: 1 },
          { name: 'b', minScore: 1 },
        ],
      }),
    ).toHaveLength(1);
    expect(
      matrixProblems({
        ...matrix,
        bands: [
          { name: 'a', minScore: 1 },
          { name: 'b', minScore: 26 },
        ],
      }),
    ).toHaveLength(1);
  });
});

it('privileged permissions: *, module wildcards, administration and user management', () => {
  expect(['*', 'crm:*', 'finance:admin', 'auth:write', 'crm:read', 'hr:approve'].map(isPrivileged)).toEqual([
    true,
    true,
    true,
    true,
    false,
    false,
  ]);
});
