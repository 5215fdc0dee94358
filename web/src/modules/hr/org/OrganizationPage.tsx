import { useState } from 'react';
import { PageHeader } from '../../../components';
import { DepartmentsPanel } from './DepartmentsPanel';
import { LocationsPanel } from './LocationsPanel';
import { PositionsPanel } from './PositionsPanel';

type Tab = 'departments' | 'positions' | 'locations';

/** Departments (tree), positions and locations; hr:admin edits them. */
export default function OrganizationPage() {
  const [tab, setTab] = useState<Tab>('departments');
  const tabs: { id: Tab; label: string }[] = [
    { id: 'departments', label: 'Departments' },
    { id: 'positions', label: 'Positions' },
    { id: 'locations', label: 'Locations' },
  ];
  return (
    <>
      <PageHeader title="Organization" description="Departments, job positions and locations." />
      <div role="tablist" aria-label="Organization" className="hr-view-toggle" style={{ marginBottom: '1rem' }}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-pressed={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className="btn"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'departments' && <DepartmentsPanel />}
        {tab === 'positions' && <PositionsPanel />}
        {tab === 'locations' && <LocationsPanel />}
      </div>
    </>
  );
}
