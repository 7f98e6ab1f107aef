/**
 * A short message after a failed action (a like, a follow, a rating that did not save), announced
 * to screen readers (role="alert") and shown beside the control until the next action.
 */
export function ActionMessage({ message }: { message: string | undefined }) {
  return (
    <span className="action-message" role="alert">
      {message ?? ''}
    </span>
  );
}

/** The message for a failed save. */
export function failureMessage(action: string): string {
  return `Couldn’t ${action}. Check your connection and try again.`;
}
