/** The building blocks for module screens. Import from here: `import { DataTable, useForm } from '../../components';` */
export { DataTable, listQueryKey } from './DataTable';
export { Pager } from './Pager';
export type { Column, DataTableProps, FilterDef } from './DataTable';
export {
  CheckboxField,
  CheckboxGroupField,
  DateField,
  DecimalField,
  Form,
  FormErrorBanner,
  NumberField,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from './form';
export type { FormState, Option } from './form';
export { ConfirmDialog, Dialog, useConfirm } from './Dialog';
export type { ConfirmOptions } from './Dialog';
export { ConflictNotice } from './ConflictNotice';
export { useToast } from './toast';
export { DateText, formatDate, formatDateTime, formatMoney, Money } from './format';
export { BarChart, LineChart } from './charts';
export type { ChartPoint } from './charts';
export { EmptyState, ErrorState, PageHeader, Progress, Skeleton, Spinner } from './feedback';
export { ErrorBoundary } from './ErrorBoundary';
export { ComingSoon } from './ComingSoon';
export { RequirePermission } from '../shell/NoAccess';
export { useAuth } from '../auth/auth';
