'use client';

import { RouteError } from '@/components/RouteError';

export default function UploadError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <RouteError {...props} title="We could not open the upload page" />;
}
