import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../components';

const SECTIONS = [
  { to: '/supply/items', title: 'Items', text: 'The catalogue with what is on hand and available.' },
  { to: '/supply/warehouses', title: 'Warehouses', text: 'Where stock is kept, and their locations.' },
  { to: '/supply/purchase-orders', title: 'Purchase orders', text: 'Order from suppliers, receive and bill.' },
  { to: '/supply/sales-orders', title: 'Sales orders', text: 'Quote, confirm, deliver and invoice.' },
  { to: '/supply/stock', title: 'Stock on hand', text: 'On hand, reserved and available per warehouse.' },
  { to: '/supply/valuation', title: 'Valuation', text: 'What the stock is worth as of a date.' },
  { to: '/supply/reorder-rules', title: 'Reorder rules', text: 'Minimum and maximum stock; replenishment.' },
  {
    to: '/supply/price-lists',
    title: 'Price lists',
    text: 'Sales and supplier prices per currency, with quantity breaks.',
  },
  { to: '/supply/transfers', title: 'Transfers', text: 'Move stock between locations and warehouses.' },
  { to: '/supply/counts', title: 'Counts', text: 'Cycle counts that adjust the stock and its value.' },
  { to: '/supply/settings', title: 'Settings', text: 'Valuation method, accounts and tolerances.' },
] as const;

export default function SupplyHome() {
  return (
    <>
      <PageHeader title="Supply" description="Stock, purchasing and sales fulfilment." />
      <div className="grid-2">
        {SECTIONS.map((s) => (
          <section key={s.to} className="card">
            <h2>
              <Link to={s.to}>{s.title}</Link>
            </h2>
            <p className="muted">{s.text}</p>
          </section>
        ))}
      </div>
    </>
  );
}
