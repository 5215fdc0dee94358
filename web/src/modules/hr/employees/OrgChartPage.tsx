import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useRef, useState, type KeyboardEvent } from 'react';
import { api, unwrap } from '../../../api';
import { EmptyState, PageHeader, QueryState, Spinner } from '../../../components';
import type { OrgNode } from '../queries';
import { Avatar } from '../ui';

/** The reporting tree from the top, or from one employee (/hr/org-chart/$id). */
export default function OrgChartPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const chart = useQuery({
    queryKey: ['hr', 'org-chart', id ?? 'top'],
    queryFn: () =>
      id
        ? unwrap(api.GET('/api/v1/hr/employees/{id}/org-chart', { params: { path: { id }, query: { depth: 2 } } }))
        : unwrap(api.GET('/api/v1/hr/org-chart', { params: { query: { depth: 2 } } })),
  });
  const top = chart.data?.items[0];
  return (
    <>
      <PageHeader
        title="Org chart"
        description={
          id && top ? (
            <>
              Who reports to {top.firstName} {top.lastName}. Arrow keys move, → expands, ← collapses, Enter opens.
            </>
          ) : (
            'The company from the top. Arrow keys move, → expands, ← collapses, Enter opens a profile.'
          )
        }
        actions={
          id ? (
            <>
              {top?.managerId && (
                <Link to={`/hr/org-chart/${top.managerId}`} className="btn">
                  Up to {top.managerName}
                </Link>
              )}
              <Link to="/hr/org-chart">Whole company</Link>
            </>
          ) : undefined
        }
      />
      <section className="card">
        <QueryState query={chart} height="12em">
          {(list) => (list.items.length === 0 ? <EmptyState title="No employees yet" /> : <Tree roots={list.items} />)}
        </QueryState>
      </section>
    </>
  );
}

function Tree({ roots }: { roots: OrgNode[] }) {
  const ref = useRef<HTMLUListElement>(null);
  const navigate = useNavigate();
  const [active, setActive] = useState(roots[0]?.id ?? '');
  // Expanded: every node the API sent with its reports (the first levels), until the user collapses it.
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const open = new Set<string>();
    const walk = (n: OrgNode, depth: number) => {
      if (depth < 1 && n.reports.length > 0) open.add(n.id);
      n.reports.forEach((r) => walk(r, depth + 1));
    };
    roots.forEach((r) => walk(r, 0));
    return open;
  });
  const toggle = (id: string, open?: boolean) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const focusItem = (el: Element | null | undefined) => {
    if (!(el instanceof HTMLElement)) return;
    setActive(el.dataset.id ?? '');
    el.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [])];
    const current = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!current) return;
    const i = items.indexOf(current);
    const id = current.dataset.id ?? '';
    const hasChildren = current.getAttribute('aria-expanded') !== null;
    const isOpen = current.getAttribute('aria-expanded') === 'true';
    switch (e.key) {
      case 'ArrowDown':
        focusItem(items[i + 1]);
        break;
      case 'ArrowUp':
        focusItem(items[i - 1]);
        break;
      case 'Home':
        focusItem(items[0]);
        break;
      case 'End':
        focusItem(items.at(-1));
        break;
      case 'ArrowRight':
        if (hasChildren && !isOpen) toggle(id, true);
        else if (isOpen) focusItem(current.querySelector('[role="treeitem"]'));
        break;
      case 'ArrowLeft':
        if (isOpen) toggle(id, false);
        else focusItem(current.parentElement?.closest('[role="treeitem"]'));
        break;
      case 'Enter':
        void navigate({ to: `/hr/employees/${id}` });
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  return (
    <ul className="hr-tree" role="tree" aria-label="Org chart" ref={ref} onKeyDown={onKeyDown}>
      {roots.map((n) => (
        <TreeNode
          key={n.id}
          node={n}
          level={1}
          active={active}
          expanded={expanded}
          toggle={toggle}
          setActive={setActive}
        />
      ))}
    </ul>
  );
}

function TreeNode({
  node,
  level,
  active,
  expanded,
  toggle,
  setActive,
}: {
  node: OrgNode;
  level: number;
  active: string;
  expanded: Set<string>;
  toggle: (id: string, open?: boolean) => void;
  setActive: (id: string) => void;
}) {
  const open = expanded.has(node.id);
  const hasReports = node.directReports > 0;
  // Reports beyond the depth the API sent are loaded when the node opens.
  const more = useQuery({
    queryKey: ['hr', 'org-chart', node.id, 'reports'],
    enabled: open && hasReports && node.reports.length === 0,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/employees/{id}/org-chart', { params: { path: { id: node.id }, query: { depth: 1 } } }),
      ),
  });
  const reports = node.reports.length > 0 ? node.reports : (more.data?.items[0]?.reports ?? []);
  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-expanded={hasReports ? open : undefined}
      aria-selected={active === node.id}
      aria-label={`${node.firstName} ${node.lastName}${node.positionTitle ? `, ${node.positionTitle}` : ''}${hasReports ? `, ${node.directReports} direct reports` : ''}`}
      tabIndex={active === node.id ? 0 : -1}
      data-id={node.id}
      onFocus={(e) => {
        if (e.target === e.currentTarget) setActive(node.id);
      }}
    >
      <span className="hr-node">
        {hasReports ? (
          <span
            className="hr-twisty"
            aria-hidden="true"
            onClick={(e) => {
              e.stopPropagation();
              toggle(node.id);
            }}
          >
            {open ? '▾' : '▸'}
          </span>
        ) : (
          <span className="hr-twisty" aria-hidden="true" />
        )}
        <Avatar person={node} />
        <span>
          <Link to={`/hr/employees/${node.id}`} tabIndex={-1}>
            {node.firstName} {node.lastName}
          </Link>
          <br />
          <span className="muted">
            {[node.positionTitle, node.departmentName].filter(Boolean).join(' · ') || '—'}
            {hasReports && ` · ${node.directReports} direct`}
          </span>
        </span>
      </span>
      {open && hasReports && (
        <ul role="group">
          {more.isFetching && reports.length === 0 && (
            <li>
              <Spinner label="Loading reports" />
            </li>
          )}
          {reports.map((r) => (
            <TreeNode
              key={r.id}
              node={r}
              level={level + 1}
              active={active}
              expanded={expanded}
              toggle={toggle}
              setActive={setActive}
            />
          ))}
        </ul>
      )}
    </li>
  );
}
