import { Link } from '@tanstack/react-router';
import { BarChart, ErrorState, Skeleton } from '../../../components';
import { useDepartmentTree, type DepartmentNode } from '../queries';

/** Active people per top-level department (its sub-departments included). */
export default function HeadcountWidget() {
  const tree = useDepartmentTree();
  if (tree.isPending) return <Skeleton height="8em" />;
  if (tree.isError) return <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />;
  const total = (n: DepartmentNode): number => n.employeeCount + n.children.reduce((s, c) => s + total(c), 0);
  const data = tree.data.items.map((n) => ({ label: n.name, value: total(n) })).sort((a, b) => b.value - a.value);
  if (data.length === 0) return <p className="muted">No departments yet.</p>;
  return (
    <>
      <BarChart title="Active employees by department" data={data} />
      <p>
        <Link to="/hr/organization">Organization</Link> · <Link to="/hr/employees">Directory</Link>
      </p>
    </>
  );
}
