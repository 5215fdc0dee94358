import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState, QueryState, useAuth } from '../../../components';
import { useDepartmentTree, type DepartmentNode } from '../queries';
import { DepartmentDialog, type DepartmentTarget } from './DepartmentDialog';

/** The department tree, with its head and head count; hr:admin adds, edits and deletes departments. */
export function DepartmentsPanel() {
  const { can } = useAuth();
  const tree = useDepartmentTree();
  const [editing, setEditing] = useState<DepartmentTarget | null>(null);
  return (
    <section className="card" aria-labelledby="dep-h">
      <div className="page-header">
        <h2 id="dep-h">Departments</h2>
        {can('hr:admin') && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing({})}>
            New department
          </button>
        )}
      </div>
      <QueryState query={tree} height="8em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No departments yet" />
          ) : (
            <ul className="hr-tree" aria-label="Department tree">
              {list.items.map((n) => (
                <DepartmentItem key={n.id} node={n} admin={can('hr:admin')} onEdit={setEditing} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {editing && <DepartmentDialog target={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function DepartmentItem({
  node,
  admin,
  onEdit,
}: {
  node: DepartmentNode;
  admin: boolean;
  onEdit: (t: DepartmentTarget) => void;
}) {
  return (
    <li>
      <span className="hr-node">
        <span>
          <strong>{node.name}</strong> {node.code && <span className="badge">{node.code}</span>}
          <br />
          <span className="muted">
            {node.employeeCount} {node.employeeCount === 1 ? 'person' : 'people'}
            {node.headName && (
              <>
                {' · head '}
                <Link to={`/hr/employees/${node.headEmployeeId}`}>{node.headName}</Link>
              </>
            )}
          </span>
        </span>
        <Link
          to={`/hr/employees?departmentId=${node.id}`}
          className="btn btn-ghost"
          aria-label={`People in ${node.name}`}
        >
          People
        </Link>
        {admin && (
          <>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => onEdit({ id: node.id })}
              aria-label={`Edit ${node.name}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => onEdit({ parentId: node.id })}
              aria-label={`Add a department under ${node.name}`}
            >
              + Sub-department
            </button>
          </>
        )}
      </span>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <DepartmentItem key={c.id} node={c} admin={admin} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </li>
  );
}
