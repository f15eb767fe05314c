import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { LicenseResponseSchema } from '../../../src-shared/contracts/http';
import { sendJsonText } from '../../../src-server/http/validation-answer';
import { checkedJson, useZodSchemas } from '../../../src-server/http/zod-schemas';

// A validation's answer leaves the thread that made it as JSON text, checked there (validationAnswerJson), and the
// route sends that text as it is: the check must still refuse a malformed answer, and the text must reach the
// client as JSON, not as plain text nor serialized a second time into a JSON string.
const answer = {
  license: { payload: '{"licenseNumber":"NVGV-YP2K-ER1T-PN8A"}', signature: `${'A'.repeat(86)}==`, keyId: 'k-1' },
  serverTime: '2026-12-04T05:00:00.000Z',
  renewal: { orderId: 'o-1', state: 'pending', method: 'bank-transfer', dueOn: '2026-12-20' },
};

describe('a validation answer as checked JSON text', () => {
  it('is the answer written as JSON when it matches the shared schema', () => {
    expect(checkedJson(LicenseResponseSchema, answer)).toBe(JSON.stringify(answer));
    expect(JSON.parse(checkedJson(LicenseResponseSchema, { ...answer, renewal: null }))).toEqual({ ...answer, renewal: null });
  });

  it('is refused, naming the field, when the answer does not match (a bug of ours, answered 500)', () => {
    const badSignature = { ...answer, license: { ...answer.license, signature: 'not base64' } };
    expect(() => checkedJson(LicenseResponseSchema, badSignature)).toThrow(
      /^response does not match its schema: license\.signature: expected a base64 Ed25519 signature$/,
    );
    expect(() => checkedJson(LicenseResponseSchema, { ...answer, extra: 1 })).toThrow(/response does not match its schema/);
  });

  it('reaches the client as the same JSON text with the JSON content type, though the route declares a schema', async () => {
    const app = Fastify();
    useZodSchemas(app);
    const text = checkedJson(LicenseResponseSchema, answer);
    app.post('/v1/validations', { schema: { response: { 200: LicenseResponseSchema } } }, async (_request, reply) =>
      sendJsonText(reply, text),
    );
    const response = await app.inject({ method: 'POST', url: '/v1/validations', payload: {} });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toBe(text);
    expect(LicenseResponseSchema.parse(response.json())).toEqual(answer);
  });
});
