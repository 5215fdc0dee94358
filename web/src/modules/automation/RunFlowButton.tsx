import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api';
import { useAuth } from '../../components';
import { useFlowVersion, type Flow } from './api';
import { manualForm } from './model';
import { RunFlowDialog } from './RunFlowDialog';
import './automation.css';

export interface RecordRef {
  /** A record type of GET /automation/record-types, e.g. `crm.organization`. */
  type: string;
  id: string;
}

/**
 * "Run flow" on a record's page: the published, enabled manual flows for the record's type (`GET
 * /flows?manualFor=`), each opening its run form; the run gets `trigger.record = { type, id }`. Shows
 * nothing without automation:write or when no flow is for this type. Other modules' pages use it
 * through the module's index (`RunFlowButton`, loaded on first use).
 */
export default function RunFlowButton({ record }: { record: RecordRef }) {
  const { can, user } = useAuth();
  const allowed = can('automation:write');
  const flows = useQuery({
    queryKey: ['automation', 'manual-for', record.type],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/automation/flows', {
          params: { query: { manualFor: record.type, limit: 50, sort: 'name' } },
          signal,
        }),
      ),
    enabled: allowed,
    staleTime: 60_000,
    retry: false,
  });
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Flow | null>(null);
  const menuId = useId();
  // A flow running as someone else is run only with automation:admin (as on the flow's own page).
  const items = (flows.data?.items ?? []).filter((f) => f.runAsUserId === user.id || can('automation:admin'));
  if (!allowed || items.length === 0) return null;
  return (
    <div className="run-flow">
      <button
        type="button"
        className="btn"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        Run flow
      </button>
      {open && (
        <ul id={menuId} className="run-flow-menu" aria-label="Flows to run on this record">
          {items.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => {
                  setChosen(f);
                  setOpen(false);
                }}
              >
                {f.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && <ChosenFlow flow={chosen} record={record} onClose={() => setChosen(null)} />}
    </div>
  );
}

/** The chosen flow's run form (from its published version), then its run's page. */
function ChosenFlow({ flow, record, onClose }: { flow: Flow; record: RecordRef; onClose: () => void }) {
  const version = useFlowVersion(flow.id, flow.publishedVersion);
  if (!version.data) return null;
  return (
    <RunFlowDialog
      flowId={flow.id}
      flowName={flow.name}
      form={manualForm(version.data.definition) ?? []}
      record={record}
      onClose={onClose}
    />
  );
}
