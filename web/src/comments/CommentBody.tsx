import { COMMENT_LINK_REL, splitLinks } from './comment-links';

/**
 * A comment's text with its http(s) addresses as links. Everything is React text (escaped), never
 * HTML; links open in a new tab without giving it the opener or a referrer.
 */
export function CommentBody({ body }: { body: string }) {
  return (
    <p className="comment__body">
      {splitLinks(body).map((segment, i) =>
        segment.kind === 'link' ? (
          <a key={i} href={segment.href} rel={COMMENT_LINK_REL} target="_blank">
            {segment.text}
          </a>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
