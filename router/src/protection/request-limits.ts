import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { sendGraphQLError } from '../http/graphql-error-response';

/** Parses JSON bodies up to `maxBytes`; a larger body is refused while it streams in (see the error handler). */
export function jsonBody(maxBytes: number): RequestHandler {
  return express.json({ limit: maxBytes });
}

/** Turns body-parser failures into GraphQL errors: 413 for a body over the limit, 400 for bad JSON. */
export function bodyErrors(maxBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error.type === 'entity.too.large') {
      sendGraphQLError(
        res,
        413,
        'BAD_REQUEST',
        `Request body is larger than the limit of ${maxBytes} bytes.`,
        {
          maxBodyBytes: maxBytes,
        },
      );
      return;
    }
    if (error.type === 'entity.parse.failed') {
      sendGraphQLError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON.');
      return;
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      sendGraphQLError(res, error.status, 'BAD_REQUEST', 'The request could not be read.');
      return;
    }
    next(error);
  };
}

/** A batched request (JSON array) may hold at most `maxBatch` operations; an empty batch is refused too. */
export function batchLimit(maxBatch: number): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body)) {
      if (req.body.length === 0) {
        sendGraphQLError(
          res,
          400,
          'BAD_REQUEST',
          'A batched request must contain at least one operation.',
        );
        return;
      }
      if (req.body.length > maxBatch) {
        sendGraphQLError(
          res,
          400,
          'BAD_REQUEST',
          `Batched request contains ${req.body.length} operations; the limit is ${maxBatch}.`,
          { batchSize: req.body.length, maxBatch },
        );
        return;
      }
    }
    next();
  };
}
