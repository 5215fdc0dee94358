/** Payment terms, reminders and recurring documents: Finance's routes and navigation entries for them. */
export const termsRoutes = [
  { path: 'payment-terms', load: () => import('./PaymentTermsPage') },
  { path: 'reminders', load: () => import('./RemindersPage') },
  { path: 'recurring', load: () => import('./RecurringPage') },
];

export const termsNav = [
  { label: 'Payment terms', to: '/finance/payment-terms', permission: 'finance:read' as const },
  { label: 'Reminders', to: '/finance/reminders', permission: 'finance:read' as const },
  { label: 'Recurring documents', to: '/finance/recurring', permission: 'finance:read' as const },
];
