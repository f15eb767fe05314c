import { type z } from 'zod';
import { isErrorCode } from '../../src-shared/contracts/error-codes';
import {
  type ActivationRequest,
  ErrorBodySchema,
  type LicenseResponse,
  LicenseResponseSchema,
} from '../../src-shared/contracts/http';
import { CodedError } from '../../src-shared/contracts/coded-error';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

/** Talks to the vendor's license service. Every answer is validated by the shared schemas before use. */
export class LicenseServiceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: FetchLike = fetch as unknown as FetchLike,
    private readonly timeoutMs = 10_000,
  ) {}

  activate(request: ActivationRequest): Promise<LicenseResponse> {
    return this.post('/v1/activations', request, LicenseResponseSchema);
  }

  private async post<S extends z.ZodType>(route: string, body: unknown, schema: S): Promise<z.output<S>> {
    let response: Awaited<ReturnType<FetchLike>>;
    let data: unknown;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      data = await response.json();
    } catch {
      throw new CodedError('service-unreachable', `could not reach ${this.baseUrl}`);
    }
    if (response.status >= 200 && response.status < 300) {
      const parsed = schema.safeParse(data);
      if (!parsed.success) throw new CodedError('service-bad-response', `unexpected answer from ${route}`);
      return parsed.data;
    }
    const error = ErrorBodySchema.safeParse(data);
    if (error.success && isErrorCode(error.data.error.code))
      throw new CodedError(error.data.error.code, error.data.error.message);
    throw new CodedError('service-bad-response', `HTTP ${response.status} from ${route}`);
  }
}
