import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { listFetcher } from '../../../api';
import { DataTable, Dialog, useAuth, type Column } from '../../../components';
import { departmentOptions, hrKeys, useDepartmentTree, type Position } from '../queries';
import { PositionForm } from './PositionForm';

/** The job positions (filter by department); hr:admin adds, edits and deletes them. */
export function PositionsPanel() {
  const { can } = useAuth();
  const tree = useDepartmentTree();
  const [editing, setEditing] = useState<Position | 'new' | null>(null);
  const names = new Map(departmentOptions(tree.data?.items ?? []).map((o) => [o.value, o.label]));
  const columns: Column<Position>[] = [
    {
      id: 'title',
      header: 'Title',
      sortKey: 'title',
      alwaysVisible: true,
      cell: (p) =>
        can('hr:admin') ? (
          <button type="button" className="btn-link" onClick={() => setEditing(p)}>
            {p.title}
          </button>
        ) : (
          p.title
        ),
    },
    { id: 'code', header: 'Code', cell: (p) => p.code ?? '—' },
    {
      id: 'department',
      header: 'Department',
      cell: (p) => (p.departmentId ? (names.get(p.departmentId) ?? '…') : '—'),
    },
    {
      id: 'people',
      header: 'People',
      cell: (p) => <Link to={`/hr/employees?positionId=${p.id}`}>Show</Link>,
    },
  ];
  return (
    <>
      <DataTable
        id={hrKeys.positions}
        caption="Positions"
        columns={columns}
        fetchPage={listFetcher('/api/v1/hr/positions')}
        rowKey={(p) => p.id}
        defaultSort="title"
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          {
            name: 'departmentId',
            label: 'Department',
            type: 'select',
            options: departmentOptions(tree.data?.items ?? []),
          },
        ]}
        actions={
          can('hr:admin') && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New position
            </button>
          )
        }
      />
      {editing && (
        <Dialog
          open
          title={editing === 'new' ? 'New position' : `Edit ${editing.title}`}
          onClose={() => setEditing(null)}
        >
          <PositionForm
            position={editing === 'new' ? null : editing}
            options={departmentOptions(tree.data?.items ?? [])}
            onClose={() => setEditing(null)}
          />
        </Dialog>
      )}
    </>
  );
}
