import { type ValidationRequest } from '../../src-shared/contracts/http';
import { type ServerConfig } from '../config';
import { type ErrorDetails } from '../domain/domain-error';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';

/** What a validation worker is started with: the service's own configuration (its database, key and catalog). */
export type ValidationWorkerData = { config: ServerConfig };

/** The worker's first message: its database and key are open, or why they could not be. */
export type WorkerStarted = { ready: true } | { ready: false; reason: string };

/** One validation handed to a worker; the body has been checked against the shared schema already. */
export type ValidationJob = { id: number; body: ValidationRequest };

/** A log line the worker's validation wrote (an automatic renewal skipped), for the request's own log. */
export type WorkerLogLine = { fields: Record<string, unknown>; message: string };

/**
 * How a validation ended in the worker: an answer (its JSON text, checked against the shared schema there), a
 * refusal with its stable code, or a bug (logged, 500).
 */
export type ValidationOutcome = { id: number; logs: WorkerLogLine[] } & (
  { answer: string } | { refusal: { code: ErrorCode; message: string; details?: ErrorDetails } } | { failure: string }
);

/** Ends a worker: it closes its database connection and lets its thread finish. */
export const CLOSE = 'close';
