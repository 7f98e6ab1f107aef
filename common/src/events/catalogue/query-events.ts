import { z } from 'zod';
import { defineEventType } from '../event-catalogue';

const id = z.string().min(1);

/**
 * query: the read model's writer (consumer `query`, one instance at a time) changed these songs'
 * documents. Every query replica hears it (a live, per-replica subscriber) and re-reads them into
 * its in-process search index: published only after the write, so a replica never re-reads a
 * document the writer has not written yet. aggregateId / aggregateVersion: those of the songs
 * event that caused it. `writerId`: the replica that wrote (it has already re-indexed them).
 */
export const QuerySongsChanged = defineEventType(
  'query',
  'QUERY_SONGS_CHANGED',
  1,
  z.object({ songIds: z.array(id).min(1), writerId: id }),
);
