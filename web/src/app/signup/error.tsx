'use client';

import { RouteError } from '@/components/RouteError';

export default function SignUpError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <RouteError {...props} title="Sign-up is taking a break" />;
}
