import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { userDisplayNames } from '../../auth/index.js';
import type { CollectorRunStatus, ControlStatus, ReportKind, ResultStatus } from '../compliance.tables.js';
import { controlHealth, type HealthReason, type HealthStatus } from '../controls/health.js';
import { collectorInfo } from '../evidence/collectors.catalog.js';
import { controlsOfRequirements } from '../frameworks/frameworks.service.js';
import { loadMatrix } from '../risks/risks.service.js';
import { rating } from '../risks/matrix.js';
import { TEMPLATE_VERSIONS, displayTime, type ReportDocument, type ReportTable } from './report.document.js';

/**
 * The data of a report, read at `asOf` and turned into a ReportDocument (docs/adr/0024). Everything is
 * ordered by stable keys (tree position, names, then ids), and everything that depends on time — a
 * control's health, which collector run is the latest, whether evidence has expired — is computed at
 * `asOf`, never at "now": the same data and as-of give the same document, and so the same bytes.
 *
 * Applicability comes from an assessment of the framework version: the one named, or else the latest
 * (completed first, then in progress). A requirement assessed `not-applicable` (which needs a
 * justification: a database check) is excluded with that justification; every other assessable
 * requirement applies, justified by its assessment's justification or observation, or by its controls.
 */

export interface ReportParams {
  kind: ReportKind;
  frameworkId: string;
  assessmentId: string | null;
}

const RESULT_LABEL: Record<ResultStatus, string> = {
  'not-assessed': 'Not assessed',
  compliant: 'Compliant',
  'partially-compliant': 'Partially compliant',
  'non-compliant': 'Non-compliant',
  'not-applicable': 'Not applicable',
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The framework version and the assessment a report reads (404 / 422 when they do not fit). */
export async function reportSubject(db: Db, frameworkId: string, assessmentId: string | null) {
  const framework = await db
    .selectFrom('compliance.frameworks')
    .selectAll()
    .where('id', '=', frameworkId)
    .executeTakeFirst();
  if (!framework) throw errors.invalidReference('frameworkId', 'Framework', frameworkId);
  let q = db.selectFrom('compliance.assessments').selectAll().where('framework_id', '=', frameworkId);
  if (assessmentId) q = q.where('id', '=', assessmentId);
  const assessment = await q
    .orderBy((eb) => eb.case().when('status', '=', 'completed').then(0).else(1).end())
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (assessmentId && !assessment)
    throw errors.validation([
      { path: 'assessmentId', message: 'No assessment with this id belongs to the framework version.' },
    ]);
  return { framework, assessment: assessment ?? null };
}

interface ControlFacts {
  id: string;
  name: string;
  status: ControlStatus;
  owner: string;
  nextReviewDate: string | null;
  collectors: string[];
  evidence: number;
  health: { status: HealthStatus; reasons: HealthReason[] };
  runs: { collector: string; id: string; status: CollectorRunStatus; collectedAt: Date; sha256: string }[];
}

/** The controls with their health at `asOf` (the latest collector runs up to then; evidence expired by then). */
async function controlFacts(db: Db, ids: readonly string[], asOf: Date): Promise<Map<string, ControlFacts>> {
  if (ids.length === 0) return new Map();
  const controls = await db
    .selectFrom('compliance.controls')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const day = asOf.toISOString().slice(0, 10);
  const evidence = await db
    .selectFrom('compliance.evidence')
    .select(['control_id', 'expires_on'])
    .where('control_id', 'in', [...ids])
    .execute();
  const collectors = [...new Set(controls.flatMap((c) => c.collectors))];
  const runs =
    collectors.length === 0
      ? []
      : await db
          .selectFrom('compliance.collector_runs')
          .select(['id', 'collector', 'status', 'collected_at', 'sha256'])
          .distinctOn('collector')
          .where('collector', 'in', collectors)
          .where('collected_at', '<=', asOf)
          .orderBy('collector')
          .orderBy('collected_at', 'desc')
          .orderBy('id')
          .execute();
  const latest = new Map(runs.map((r) => [r.collector, { status: r.status, collectedAt: r.collected_at }]));
  const names = await userDisplayNames(
    db,
    controls.map((c) => c.owner_id),
  );
  return new Map(
    controls.map((c) => {
      const mine = evidence.filter((e) => e.control_id === c.id);
      return [
        c.id,
        {
          id: c.id,
          name: c.name,
          status: c.status,
          owner: names.get(c.owner_id) ?? c.owner_id,
          nextReviewDate: c.next_review_date,
          collectors: [...c.collectors].sort(byText),
          evidence: mine.length,
          health: controlHealth({
            status: c.status,
            nextReviewDate: c.next_review_date,
            collectors: [...c.collectors].sort(byText),
            latestRuns: latest,
            expiredEvidence: mine.filter((e) => e.expires_on !== null && e.expires_on < day).length,
            now: asOf,
          }),
          runs: runs
            .filter((r) => c.collectors.includes(r.collector))
            .map((r) => ({
              collector: r.collector,
              id: r.id,
              status: r.status,
              collectedAt: r.collected_at,
              sha256: r.sha256,
            })),
        },
      ];
    }),
  );
}

const controlLabel = (c: ControlFacts, mapped: boolean) =>
  `${c.name} (${c.status}, ${c.health.status}${mapped ? ', through a mapped requirement' : ''})`;

/** Reads everything a report shows, at `asOf`, and lays it out as a document. */
export async function buildReportDocument(db: Db, params: ReportParams, asOf: Date): Promise<ReportDocument> {
  const { framework, assessment } = await reportSubject(db, params.frameworkId, params.assessmentId);
  const requirements = await db
    .selectFrom('compliance.requirements')
    .selectAll()
    .where('framework_id', '=', framework.id)
    .orderBy('position')
    .execute();
  const results = assessment
    ? await db
        .selectFrom('compliance.assessment_results')
        .selectAll()
        .where('assessment_id', '=', assessment.id)
        .execute()
    : [];
  const resultOf = new Map(results.map((r) => [r.requirement_id, r]));
  const links = await controlsOfRequirements(
    db,
    requirements.map((r) => r.id),
  );
  const controlIds = [...new Set([...links.values()].flatMap((l) => [...l.direct, ...l.mapped].map((c) => c.id)))];
  const controls = await controlFacts(db, controlIds, asOf);
  const controlsOf = (requirementId: string) => {
    const l = links.get(requirementId);
    if (!l) return [];
    return [
      ...l.direct.map((c) => ({ c: controls.get(c.id)!, mapped: false })),
      ...l.mapped.map((c) => ({ c: controls.get(c.id)!, mapped: true })),
    ]
      .filter((x) => x.c !== undefined)
      .sort((a, b) => byText(a.c.name, b.c.name) || byText(a.c.id, b.c.id));
  };

  // "NIST Cybersecurity Framework 2.0" names its version already; "General Data Protection Regulation" does not.
  const frameworkName = framework.name.endsWith(framework.version)
    ? framework.name
    : `${framework.name} ${framework.version}`;
  const facts: [string, string][] = [
    ['Framework', `${frameworkName} (key ${framework.key}, id ${framework.id})`],
    [
      'Assessment',
      assessment
        ? `${assessment.name} (${assessment.status}, id ${assessment.id})${params.assessmentId ? '' : ' - the latest of this framework version'}`
        : 'none (every assessable requirement applies by default)',
    ],
    ['Report', params.kind === 'soa' ? 'Statement of Applicability' : 'Audit report'],
    ['Template version', TEMPLATE_VERSIONS[params.kind]],
    ['As of', displayTime(asOf.toISOString())],
  ];

  const assessable = requirements.filter((r) => r.assessable);
  const notApplicable = assessable.filter((r) => resultOf.get(r.id)?.status === 'not-applicable');
  const applicable = assessable.filter((r) => resultOf.get(r.id)?.status !== 'not-applicable');
  const covered = applicable.filter((r) => controlsOf(r.id).length > 0);
  const health = [...controls.values()].reduce((acc, c) => ({ ...acc, [c.health.status]: acc[c.health.status] + 1 }), {
    green: 0,
    amber: 0,
    red: 0,
  } as Record<HealthStatus, number>);
  const summary: [string, string][] = [
    ['Assessable requirements', String(assessable.length)],
    ['Applicable', String(applicable.length)],
    ['Not applicable (justified)', String(notApplicable.length)],
    ['Applicable and implemented by a control', `${covered.length} of ${applicable.length}`],
    ['Controls', `${controls.size} (green ${health.green}, amber ${health.amber}, red ${health.red})`],
  ];

  const emphasis = new Set<number>();
  const rows = requirements.map((r, i) => {
    const indent = '  '.repeat(r.depth);
    if (!r.assessable) {
      emphasis.add(i);
      return [`${indent}${r.ref_id}`, r.title, '', '', '', ''];
    }
    const result = resultOf.get(r.id);
    const linked = controlsOf(r.id);
    const na = result?.status === 'not-applicable';
    const justification = na
      ? result.justification
      : result?.justification ||
        result?.observation ||
        (linked.length > 0
          ? `Implemented by ${linked.length} control${linked.length === 1 ? '' : 's'}.`
          : 'Applies by default; no control implements it yet.');
    return [
      `${indent}${r.ref_id}`,
      r.title,
      na ? 'No' : 'Yes',
      justification,
      RESULT_LABEL[result?.status ?? 'not-assessed'],
      linked.map((x) => controlLabel(x.c, x.mapped)).join('\n'),
    ];
  });

  if (params.kind === 'soa')
    return {
      title: `Statement of Applicability - ${frameworkName}`,
      subtitle:
        'Every requirement of the framework version: whether it applies and why, its assessment, and the controls implementing it with their status and health.',
      asOf: asOf.toISOString(),
      templateVersion: TEMPLATE_VERSIONS.soa,
      facts,
      summary,
      tables: [
        {
          title: 'Requirements',
          columns: [
            { header: 'Ref', width: 12 },
            { header: 'Requirement', width: 40 },
            { header: 'Applicable', width: 9 },
            { header: 'Justification', width: 40 },
            { header: 'Assessment', width: 14 },
            { header: 'Controls (status, health)', width: 40 },
          ],
          rows,
          emphasis,
        },
      ],
    };

  return {
    title: `Audit report - ${frameworkName}`,
    subtitle:
      'Requirements with their assessment and controls; the controls with health, evidence and collector artefacts; findings; and the risk register.',
    asOf: asOf.toISOString(),
    templateVersion: TEMPLATE_VERSIONS.audit,
    facts,
    summary,
    tables: [
      {
        title: 'Requirements',
        columns: [
          { header: 'Ref', width: 12 },
          { header: 'Requirement', width: 40 },
          { header: 'Applicable', width: 9 },
          { header: 'Justification', width: 34 },
          { header: 'Assessment', width: 14 },
          { header: 'Controls (status, health)', width: 40 },
          { header: 'Observation', width: 30 },
        ],
        rows: requirements.map((r, i) => [...rows[i]!, resultOf.get(r.id)?.observation ?? '']),
        emphasis,
      },
      ...(await auditTables(db, framework.id, assessment?.id ?? null, controls, asOf)),
    ],
  };
}

async function auditTables(
  db: Db,
  frameworkId: string,
  assessmentId: string | null,
  controls: Map<string, ControlFacts>,
  asOf: Date,
): Promise<ReportTable[]> {
  const list = [...controls.values()].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
  const ids = list.map((c) => c.id);
  const day = asOf.toISOString().slice(0, 10);

  const evidence =
    ids.length === 0
      ? []
      : await db
          .selectFrom('compliance.evidence')
          .select(['id', 'control_id', 'kind', 'title', 'url', 'note', 'owner_id', 'expires_on', 'created_at'])
          .where('control_id', 'in', ids)
          .where('created_at', '<=', asOf)
          .execute();
  const findingsQuery = db
    .selectFrom('compliance.findings as f')
    .innerJoin('compliance.assessments as a', 'a.id', 'f.assessment_id')
    .leftJoin('compliance.requirements as r', 'r.id', 'f.requirement_id')
    .select([
      'f.id',
      'f.title',
      'f.description',
      'f.severity',
      'f.status',
      'f.task_id',
      'f.created_at',
      'a.name as assessment',
      'r.ref_id',
    ])
    .where('a.framework_id', '=', frameworkId)
    .where('f.created_at', '<=', asOf);
  const findings = await (assessmentId ? findingsQuery.where('f.assessment_id', '=', assessmentId) : findingsQuery)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  const risks = await db
    .selectFrom('compliance.risks as k')
    .leftJoin('compliance.assets as s', 's.id', 'k.asset_id')
    .select([
      'k.id',
      'k.title',
      'k.threat',
      'k.owner_id',
      'k.inherent_likelihood',
      'k.inherent_impact',
      'k.residual_likelihood',
      'k.residual_impact',
      'k.treatment',
      'k.treatment_notes',
      'k.acceptance_expires_on',
      'k.transferred_to',
      's.name as asset',
    ])
    .where('k.created_at', '<=', asOf)
    .orderBy('k.title')
    .orderBy('k.id')
    .execute();
  const riskControls =
    risks.length === 0
      ? []
      : await db
          .selectFrom('compliance.risk_controls as rc')
          .innerJoin('compliance.controls as c', 'c.id', 'rc.control_id')
          .select(['rc.risk_id', 'c.name', 'c.id'])
          .where(
            'rc.risk_id',
            'in',
            risks.map((r) => r.id),
          )
          .execute();
  const matrix = await loadMatrix(db);
  const names = await userDisplayNames(db, [...evidence.map((e) => e.owner_id), ...risks.map((r) => r.owner_id)]);
  const controlName = new Map(list.map((c) => [c.id, c.name]));

  const runs = new Map<string, ControlFacts['runs'][number]>();
  for (const c of list) for (const r of c.runs) runs.set(r.collector, r);
  const required = [...new Set(list.flatMap((c) => c.collectors))].sort(byText);

  return [
    {
      title: 'Controls',
      columns: [
        { header: 'Control', width: 30 },
        { header: 'Status', width: 12 },
        { header: 'Owner', width: 18 },
        { header: 'Health', width: 9 },
        { header: 'Reasons', width: 40 },
        { header: 'Collectors', width: 24 },
        { header: 'Evidence', width: 9 },
        { header: 'Next review', width: 12 },
      ],
      rows: list.map((c) => [
        c.name,
        c.status,
        c.owner,
        c.health.status,
        c.health.reasons.map((r) => r.message).join('\n'),
        c.collectors.join('\n'),
        String(c.evidence),
        c.nextReviewDate ?? '',
      ]),
      empty: 'No control implements a requirement of this framework version.',
    },
    {
      title: 'Evidence',
      columns: [
        { header: 'Control', width: 26 },
        { header: 'Kind', width: 7 },
        { header: 'Title', width: 30 },
        { header: 'Link or note', width: 50 },
        { header: 'Owner', width: 18 },
        { header: 'Expires', width: 11 },
      ],
      rows: evidence
        .map((e) => [
          controlName.get(e.control_id) ?? e.control_id,
          e.kind,
          e.title,
          e.url ?? e.note.slice(0, 2000),
          names.get(e.owner_id) ?? e.owner_id,
          e.expires_on ? `${e.expires_on}${e.expires_on < day ? ' (expired)' : ''}` : '',
          e.id,
        ])
        .sort((a, b) => byText(a[0]!, b[0]!) || byText(a[2]!, b[2]!) || byText(a[6]!, b[6]!))
        .map((r) => r.slice(0, 6)),
      empty: 'No evidence is recorded for these controls.',
    },
    {
      title: 'Collector artefacts',
      columns: [
        { header: 'Collector', width: 26 },
        { header: 'Latest run', width: 18 },
        { header: 'Status', width: 8 },
        { header: 'Artefact SHA-256', width: 50 },
        { header: 'Run id', width: 30 },
      ],
      rows: required.map((key) => {
        const run = runs.get(key);
        return [
          collectorInfo(key)?.title ?? key,
          run ? displayTime(run.collectedAt.toISOString()) : 'never ran',
          run?.status ?? '',
          run?.sha256 ?? '',
          run?.id ?? '',
        ];
      }),
      empty: 'No control requires a collector.',
    },
    {
      title: 'Findings',
      columns: [
        { header: 'Finding', width: 30 },
        { header: 'Requirement', width: 12 },
        { header: 'Severity', width: 9 },
        { header: 'Status', width: 12 },
        { header: 'Assessment', width: 20 },
        { header: 'Description', width: 40 },
        { header: 'Remediation task', width: 30 },
      ],
      rows: findings.map((f) => [
        f.title,
        f.ref_id ?? '',
        f.severity,
        f.status,
        f.assessment,
        f.description,
        f.task_id ?? '',
      ]),
      empty: assessmentId ? 'The assessment has no findings.' : 'No findings on this framework version.',
    },
    {
      title: 'Risks',
      columns: [
        { header: 'Risk', width: 28 },
        { header: 'Asset', width: 18 },
        { header: 'Owner', width: 16 },
        { header: 'Inherent', width: 20 },
        { header: 'Residual', width: 20 },
        { header: 'Treatment', width: 24 },
        { header: 'Controls', width: 28 },
      ],
      rows: risks.map((r) => {
        const inherent = rating(matrix, r.inherent_likelihood, r.inherent_impact);
        const residual =
          r.residual_likelihood !== null && r.residual_impact !== null
            ? rating(matrix, r.residual_likelihood, r.residual_impact)
            : null;
        const treatment =
          r.treatment === 'accept'
            ? `accept (until ${r.acceptance_expires_on})`
            : r.treatment === 'transfer'
              ? `transfer to ${r.transferred_to}`
              : (r.treatment ?? 'untreated');
        return [
          r.title,
          r.asset ?? '',
          names.get(r.owner_id) ?? r.owner_id,
          `${inherent.score} ${inherent.band} (${inherent.likelihoodLabel} x ${inherent.impactLabel})`,
          residual ? `${residual.score} ${residual.band} (${residual.likelihoodLabel} x ${residual.impactLabel})` : '',
          treatment,
          riskControls
            .filter((c) => c.risk_id === r.id)
            .sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id))
            .map((c) => c.name)
            .join('\n'),
        ];
      }),
      empty: 'The risk register is empty.',
    },
  ];
}
