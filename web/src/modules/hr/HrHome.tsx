import { ComingSoon } from '../../components/ComingSoon';

export default function HrHome() {
  return <ComingSoon module="HR" />;
}
