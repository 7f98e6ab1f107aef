'use client';

import { RouteError } from '@/components/RouteError';

export default function SignInError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <RouteError {...props} title="Sign-in is taking a break" />;
}
