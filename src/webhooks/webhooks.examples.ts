/** Examples of the webhook routes' responses for the OpenAPI document. */
export const WEBHOOK_EXAMPLE = {
  id: '3b9d6f2e-8a41-4c5e-9f07-1d2c3b4a5e60',
  url: 'https://ats.example.com/hooks/hirematch',
  events: ['resume.ready', 'resume.failed'],
  description: 'ATS production',
  active: true,
  previousSecretExpiresAt: null,
  createdAt: '2026-11-29T19:20:00.000Z',
  updatedAt: '2026-11-29T19:20:00.000Z',
};

export const CREATED_WEBHOOK_EXAMPLE = { ...WEBHOOK_EXAMPLE, secret: 'whsec_2q3v9Kx0cXQ8bq1sQ7mJ4fZr6yTn5wLe8uHd3aPg0ks' };

export const ROTATED_WEBHOOK_EXAMPLE = {
  ...WEBHOOK_EXAMPLE,
  secret: 'whsec_Vb0eK4m9Qx2sT7nY1cL6hR3pW8zJ5dFa0uGi2oEk7qs',
  previousSecretExpiresAt: '2026-11-30T19:20:00.000Z',
};

export const WEBHOOK_DELIVERY_EXAMPLE = {
  id: 'c4a1e7b2-5d3f-4e69-8b0a-2f1e3d4c5b6a',
  webhookId: WEBHOOK_EXAMPLE.id,
  eventId: 'evt_q2Vb6n0cJ8sXl1TfR4yKm7aD',
  eventType: 'resume.ready',
  status: 'succeeded',
  attempts: 2,
  lastStatusCode: 200,
  lastError: null,
  lastDurationMs: 84,
  attemptLog: [
    { attempt: 1, at: '2026-11-29T19:21:00.000Z', statusCode: 500, error: 'The receiver answered HTTP 500', durationMs: 61 },
    { attempt: 2, at: '2026-11-29T19:21:30.000Z', statusCode: 200, error: null, durationMs: 84 },
  ],
  nextAttemptAt: null,
  deliveredAt: '2026-11-29T19:21:30.000Z',
  createdAt: '2026-11-29T19:21:00.000Z',
  updatedAt: '2026-11-29T19:21:30.000Z',
};

export const WEBHOOK_PING_EXAMPLE = {
  deliveryId: WEBHOOK_DELIVERY_EXAMPLE.id,
  eventId: 'evt_Jc8mT2xQ5vR1nL7pB4sW9kYd',
  status: 'succeeded',
  statusCode: 204,
  error: null,
  durationMs: 37,
};
