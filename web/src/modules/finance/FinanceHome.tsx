import { ComingSoon } from '../../components/ComingSoon';

export default function FinanceHome() {
  return <ComingSoon module="Finance" />;
}
