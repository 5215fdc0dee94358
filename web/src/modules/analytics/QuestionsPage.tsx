import { Link } from '@tanstack/react-router';
import { EmptyState, PageHeader, QueryState, formatDateTime, useAuth } from '../../components';
import { useDatasets, useQuestions, VISUALIZATION_LABELS } from './api';
import './analytics.css';

/** The module's home: the saved questions the user may see (their own and those shared with them). */
export default function QuestionsPage() {
  const { can } = useAuth();
  const questions = useQuestions();
  const datasets = useDatasets();
  const labels = new Map((datasets.data?.items ?? []).map((d) => [d.key, d.label]));
  return (
    <>
      <PageHeader
        title="Questions"
        description="Saved questions over the datasets of every module, each run with your own visibility"
        actions={
          <>
            <Link to="/analytics/dashboards" className="btn">
              Dashboards
            </Link>
            {can('analytics:write') && (
              <Link to="/analytics/questions/new" className="btn btn-primary">
                New question
              </Link>
            )}
          </>
        }
      />
      <QueryState query={questions} height="12em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No saved questions yet" />
          ) : (
            <div className="card">
              <table>
                <caption className="visually-hidden">Saved questions</caption>
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Dataset</th>
                    <th scope="col">Shown as</th>
                    <th scope="col">Changed</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((q) => (
                    <tr key={q.id}>
                      <td>
                        <Link to={`/analytics/questions/${q.id}`}>{q.name}</Link>
                      </td>
                      <td>{labels.get(q.query.dataset) ?? q.query.dataset}</td>
                      <td>{VISUALIZATION_LABELS[q.visualization]}</td>
                      <td>{formatDateTime(q.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
