import type { Schema } from 'mongoose';

/**
 * Soft deletion: a deleted song or album keeps its document (with `deletedAt` and its *_DELETED
 * event in `_outbox`) until the relay published the event; `SongsOutbox.purge` then removes it.
 * Every query, count and update of the model leaves such documents out, unless asked with the
 * query option `withDeleted: true`. Deletes (`deleteOne`/`deleteMany`) are not filtered.
 */
export function excludeSoftDeleted<T>(schema: Schema<T>): void {
  schema.pre(
    ['find', 'findOne', 'countDocuments', 'findOneAndUpdate', 'updateOne', 'updateMany'],
    function () {
      if ((this.getOptions() as { withDeleted?: boolean }).withDeleted) return;
      this.where({ deletedAt: null });
    },
  );
}
