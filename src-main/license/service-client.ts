import { type z } from 'zod';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { isErrorCode } from '../../src-shared/contracts/error-codes';
import {
  type ActivationRequest,
  ErrorBodySchema,
  type LicenseResponse,
  LicenseResponseSchema,
  type OrderRequest,
  type OrderResponse,
  OrderResponseSchema,
  type OrderStatusResponse,
  OrderStatusResponseSchema,
  type QuoteRequest,
  type QuoteResponse,
  QuoteResponseSchema,
  type RegistrationRequest,
  RegistrationResponseSchema,
  type TrialRequest,
  type ValidationRequest,
} from '../../src-shared/contracts/http';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{
  status: number;
  headers?: { get(name: string): string | null };
  json(): Promise<unknown>;
}>;

/** What the launch and license services need from the vendor's service; an interface so tests use plain fakes. */
export interface LicenseServiceApi {
  activate(request: ActivationRequest): Promise<LicenseResponse>;
  validate(request: ValidationRequest): Promise<LicenseResponse>;
  startTrial(request: TrialRequest): Promise<LicenseResponse>;
}

/** The renewal calls the wizard makes; an interface so tests use plain fakes. */
export interface RenewalServiceApi {
  quote(request: QuoteRequest): Promise<QuoteResponse>;
  /** The key makes a retry (after a crash, a timeout, a double click) return the first answer, never a second charge. */
  order(request: OrderRequest, idempotencyKey: string): Promise<OrderResponse>;
  register(request: RegistrationRequest): Promise<{ registered: true; licenseNumber: string }>;
  /** The order as the service sees it now (a transfer confirmed, lapsed…). */
  orderStatus(orderId: string, ref: { licenseNumber: string; device: string }): Promise<OrderStatusResponse>;
}

export type ServiceClientOptions = {
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Told the service's demo clock (`x-demo-clock`) when it sends one; only wired up outside packaged builds. */
  onDemoClock?: (instant: string) => void;
};

/** Talks to the vendor's license service. Every answer is validated by the shared schemas before use. */
export class LicenseServiceClient implements LicenseServiceApi, RenewalServiceApi {
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;

  constructor(
    private readonly baseUrl: string,
    private readonly options: ServiceClientOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? (fetch as unknown as FetchLike);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  activate(request: ActivationRequest): Promise<LicenseResponse> {
    return this.post('/v1/activations', request, LicenseResponseSchema);
  }

  validate(request: ValidationRequest): Promise<LicenseResponse> {
    return this.post('/v1/validations', request, LicenseResponseSchema);
  }

  startTrial(request: TrialRequest): Promise<LicenseResponse> {
    return this.post('/v1/trials', request, LicenseResponseSchema);
  }

  quote(request: QuoteRequest): Promise<QuoteResponse> {
    return this.post('/v1/quotes', request, QuoteResponseSchema);
  }

  order(request: OrderRequest, idempotencyKey: string): Promise<OrderResponse> {
    return this.post('/v1/orders', request, OrderResponseSchema, { 'idempotency-key': idempotencyKey });
  }

  register(request: RegistrationRequest): Promise<{ registered: true; licenseNumber: string }> {
    return this.post('/v1/registrations', request, RegistrationResponseSchema);
  }

  orderStatus(orderId: string, ref: { licenseNumber: string; device: string }): Promise<OrderStatusResponse> {
    const query = new URLSearchParams(ref).toString();
    return this.send('GET', `/v1/orders/${encodeURIComponent(orderId)}?${query}`, undefined, OrderStatusResponseSchema);
  }

  private post<S extends z.ZodType>(
    route: string,
    body: unknown,
    schema: S,
    extraHeaders: Record<string, string> = {},
  ): Promise<z.output<S>> {
    return this.send('POST', route, body, schema, extraHeaders);
  }

  private async send<S extends z.ZodType>(
    method: 'GET' | 'POST',
    route: string,
    body: unknown,
    schema: S,
    extraHeaders: Record<string, string> = {},
  ): Promise<z.output<S>> {
    let response: Awaited<ReturnType<FetchLike>>;
    let data: unknown;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${route}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...extraHeaders,
        },
        // Stryker disable next-line ConditionalExpression: the only GET passes no body, and JSON.stringify(undefined) is undefined
        body: method === 'POST' ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      data = await response.json();
    } catch {
      throw new CodedError('service-unreachable', `could not reach ${this.baseUrl}`);
    }
    const demoClock = response.headers?.get('x-demo-clock');
    if (demoClock && this.options.onDemoClock) this.options.onDemoClock(demoClock);
    if (response.status >= 200 && response.status < 300) {
      const parsed = schema.safeParse(data);
      if (!parsed.success) throw new CodedError('service-bad-response', `unexpected answer from ${route}`);
      return parsed.data;
    }
    const error = ErrorBodySchema.safeParse(data);
    if (error.success && isErrorCode(error.data.error.code)) {
      throw new CodedError(error.data.error.code, error.data.error.message, error.data.error.details);
    }
    throw new CodedError('service-bad-response', `HTTP ${response.status} from ${route}`);
  }
}
