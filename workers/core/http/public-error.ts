/**
 * An error whose message is written for the tenant: what went wrong and what to do, with no secret, SQL
 * or internal state in it. Anything else that is thrown is ours to explain, and a client sees only a
 * reference to it (jobs/failure.ts).
 */
export class PublicError extends Error {}
