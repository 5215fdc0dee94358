import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listFetcher, unwrap } from '../../api';
import {
  DataTable,
  Dialog,
  Form,
  listQueryKey,
  PageHeader,
  SelectField,
  TextareaField,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
  type Column,
} from '../../components';
import { ASSET_KIND_LABELS, complianceKeys, useUsers, type Asset, type AssetKind } from './api';
import { OwnerName } from './ui';
import './compliance.css';

const KIND_OPTIONS = (Object.keys(ASSET_KIND_LABELS) as AssetKind[]).map((value) => ({
  value,
  label: ASSET_KIND_LABELS[value],
}));

/** The assets risks are rated against: systems, information, services… with an owner. */
export default function AssetsPage() {
  const { can } = useAuth();
  const names = useUsers();
  const client = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [editing, setEditing] = useState<Asset | 'new' | null>(null);
  const canWrite = can('compliance:write');
  const reload = async () => {
    await client.invalidateQueries({ queryKey: listQueryKey('compliance-assets') });
    await client.invalidateQueries({ queryKey: complianceKeys.assets });
  };
  const remove = async (a: Asset) => {
    if (
      !(await confirm({ title: `Delete ${a.name}?`, message: 'The asset is deleted.', confirmLabel: 'Delete asset' }))
    )
      return;
    try {
      await unwrap(
        api.DELETE('/api/v1/compliance/assets/{id}', { params: { path: { id: a.id }, query: { version: a.version } } }),
      );
      toast.success(`Deleted ${a.name}`);
      await reload();
    } catch (e) {
      toast.error(e);
    }
  };
  const columns: Column<Asset>[] = [
    { id: 'name', header: 'Asset', sortKey: 'name', alwaysVisible: true, cell: (a) => a.name },
    { id: 'kind', header: 'Kind', cell: (a) => ASSET_KIND_LABELS[a.kind] },
    { id: 'owner', header: 'Owner', cell: (a) => (a.ownerId ? <OwnerName id={a.ownerId} names={names} /> : '—') },
    { id: 'description', header: 'Description', cell: (a) => a.description || '—' },
    ...(canWrite
      ? [
          {
            id: 'actions',
            header: 'Actions',
            cell: (a: Asset) => (
              <>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setEditing(a)}
                  aria-label={`Edit asset ${a.name}`}
                >
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  onClick={() => void remove(a)}
                  aria-label={`Delete asset ${a.name}`}
                >
                  Delete
                </button>
              </>
            ),
          } satisfies Column<Asset>,
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Assets"
        description="What the risk register protects: information, systems, services, processes, people and facilities."
        actions={
          <>
            <Link to="/compliance/risks" className="btn">
              Risk register
            </Link>
            {canWrite && (
              <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
                New asset
              </button>
            )}
          </>
        }
      />
      <DataTable
        id="compliance-assets"
        caption="Compliance assets"
        columns={columns}
        fetchPage={listFetcher('/api/v1/compliance/assets')}
        rowKey={(a) => a.id}
        defaultSort="name"
        filters={[{ name: 'kind', label: 'Kind', type: 'select', options: KIND_OPTIONS }]}
        emptyMessage="No assets yet."
      />
      {editing && (
        <AssetDialog
          asset={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={reload}
        />
      )}
    </>
  );
}

function AssetDialog({
  asset,
  onClose,
  onSaved,
}: {
  asset?: Asset | undefined;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const names = useUsers();
  const toast = useToast();
  const form = useForm({
    initialValues: {
      name: asset?.name ?? '',
      kind: asset?.kind ?? 'system',
      description: asset?.description ?? '',
      ownerId: asset?.ownerId ?? '',
    },
    validate: (v): Record<string, string> => (v.name.trim() === '' ? { name: 'Give the asset a name.' } : {}),
    onSubmit: async (v) => {
      const fields = {
        name: v.name.trim(),
        kind: v.kind as AssetKind,
        description: v.description,
        ownerId: v.ownerId === '' ? null : v.ownerId,
      };
      if (asset)
        await unwrap(
          api.PATCH('/api/v1/compliance/assets/{id}', {
            params: { path: { id: asset.id } },
            body: { ...fields, version: asset.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/compliance/assets', { body: fields }));
      await onSaved();
      toast.success(asset ? `Saved ${fields.name}` : `Created ${fields.name}`);
      onClose();
    },
  });
  return (
    <Dialog open title={asset ? `Edit ${asset.name}` : 'New asset'} onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <TextField form={form} name="name" label="Asset name" required />
        <SelectField form={form} name="kind" label="Kind" options={KIND_OPTIONS} />
        <SelectField
          form={form}
          name="ownerId"
          label="Asset owner"
          options={[...names].map(([value, label]) => ({ value, label }))}
          placeholder="No owner"
        />
        <TextareaField form={form} name="description" label="Description" rows={2} />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Save asset
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
