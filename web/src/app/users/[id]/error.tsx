'use client';

import { RouteError } from '@/components/RouteError';

export default function UserError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <RouteError {...props} title="We could not load this profile" />;
}
