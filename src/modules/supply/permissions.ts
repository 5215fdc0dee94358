import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { RoleDefinition } from '../../platform/modules/module.js';

export const supplyPermissions = [
  { permission: 'supply:read', description: 'See the catalogue, warehouses, stock, orders and supply reports' },
  {
    permission: 'supply:write',
    description: 'Move stock: receipts, deliveries, transfers, adjustments, counts, purchase orders',
  },
  {
    permission: 'supply:admin',
    description: 'Everything in supply: catalogue, warehouses, price lists, valuation settings',
  },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof supplyPermissions> {}
}

/**
 * `warehouse` moves stock and counts it; `purchasing` orders, receives and bills from suppliers (the
 * bill lands in Finance); `sales-ops` delivers to customers. Only `supply:admin` (the admin role's
 * `*`) changes the catalogue's setup and the valuation method.
 */
export const supplyRoles: readonly RoleDefinition[] = [
  {
    name: 'warehouse',
    description: 'Receives, moves, delivers and counts stock.',
    permissions: ['supply:read', 'supply:write'],
  },
  {
    name: 'purchasing',
    description: 'Purchase orders, receipts and supplier bills; reads suppliers in Finance.',
    permissions: ['supply:read', 'supply:write', 'finance:read'],
  },
  {
    name: 'sales-ops',
    description: 'Deliveries to customers and their invoices; reads customers in Finance.',
    permissions: ['supply:read', 'supply:write', 'finance:read'],
  },
];
