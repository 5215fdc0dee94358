import { ComingSoon } from '../../components/ComingSoon';

export default function CrmHome() {
  return <ComingSoon module="CRM" />;
}
