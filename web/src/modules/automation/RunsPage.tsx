import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../components';
import { RunsTable } from './RunsTable';
import './automation.css';

/** Every run the user may see (theirs; every run with automation:admin), newest first. */
export default function RunsPage() {
  return (
    <>
      <PageHeader
        title="Runs"
        description="Runs of the flows you run as or started (every run with automation:admin), newest first."
        actions={
          <Link to="/automation" className="btn">
            Flows
          </Link>
        }
      />
      <RunsTable id="automation-runs" />
    </>
  );
}
