import { Link } from '@tanstack/react-router';
import { BarChart, QueryState } from '../../../components';
import { useDepartmentTree, type DepartmentNode } from '../queries';

/** Active people per top-level department (its sub-departments included). */
export default function HeadcountWidget() {
  const tree = useDepartmentTree();
  return (
    <QueryState query={tree} height="8em">
      {(t) => <Headcount roots={t.items} />}
    </QueryState>
  );
}

function Headcount({ roots }: { roots: DepartmentNode[] }) {
  const total = (n: DepartmentNode): number => n.employeeCount + n.children.reduce((s, c) => s + total(c), 0);
  const data = roots.map((n) => ({ label: n.name, value: total(n) })).sort((a, b) => b.value - a.value);
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
