// autocannon 9 ships no type declarations and @types/autocannon is not installed: the part of its programmatic
// API the server benchmark uses (README "autocannon(opts[, cb])" and the results object).
declare module 'autocannon' {
  namespace autocannon {
    /** hdr-histogram-percentiles-obj: latency in ms, requests and throughput per second. */
    type Histogram = {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p2_5: number;
      p50: number;
      p75: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
      p99_99: number;
      p99_999: number;
    };

    type Options = {
      url: string;
      connections?: number;
      duration?: number | string;
      pipelining?: number;
      workers?: number;
      timeout?: number;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
      headers?: Record<string, string>;
      body?: string | Buffer;
      title?: string;
      bailout?: number;
    };

    type Result = {
      title?: string;
      url: string;
      requests: Histogram;
      latency: Histogram;
      throughput: Histogram;
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      '1xx': number;
      '2xx': number;
      '3xx': number;
      '4xx': number;
      '5xx': number;
      connections: number;
      pipelining: number;
      statusCodeStats: Record<string, { count: number }>;
      start: Date;
      finish: Date;
    };

    /** Without a callback the returned instance is also a promise of the results. */
    type Instance = Promise<Result> & { stop(): void; on(event: string, listener: (...args: unknown[]) => void): Instance };
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;

  export default autocannon;
}
