import { api, unwrap } from '../../../api';
import { ReturnDialog } from '../ReturnDialog';
import type { PurchaseOrder, Receipt } from '../queries';
import { subDecimals } from '../../../components/decimal';

/** Send goods of a receipt back to the supplier (what is received and not yet billed or returned). */
export function SupplierReturnDialog({
  order,
  receipt,
  onClose,
  onReturned,
}: {
  order: PurchaseOrder;
  receipt: Receipt;
  onClose: () => void;
  onReturned: () => Promise<void>;
}) {
  const sku = (orderLineId: string) => order.lines.find((l) => l.id === orderLineId)?.sku ?? '…';
  return (
    <ReturnDialog
      title={`Return to supplier from ${receipt.number}`}
      defaultReason="return to supplier"
      submitLabel="Return to supplier"
      lines={receipt.lines.map((l) => ({
        id: l.id,
        label: sku(l.orderLineId),
        moved: l.quantity,
        max: subDecimals(subDecimals(l.quantity, l.billedQuantity, 4), l.returnedQuantity, 4),
      }))}
      onClose={onClose}
      onSubmit={async (v) => {
        const ret = await unwrap(
          api.POST('/api/v1/supply/receipts/{id}/returns', {
            params: { path: { id: receipt.id } },
            headers: v.headers(),
            body: {
              reason: v.reason,
              ...(v.date ? { date: v.date } : {}),
              lines: v.lines.map((l) => ({ receiptLineId: l.id, quantity: l.quantity })),
            },
          }),
        );
        await onReturned();
        return `Return ${ret.number} sent to the supplier.`;
      }}
    />
  );
}
