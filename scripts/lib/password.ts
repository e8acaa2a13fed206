import { hash, verify } from '@node-rs/argon2'

/** Same parameters as the Worker (workers/adapters/passwords.ts), so either side verifies the other's hashes. */
export const hashPasswordNode = (password: string) =>
  hash(password, {
    algorithm: 2 /* Argon2id (a const enum, unusable with isolatedModules) */,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
    outputLen: 32,
  })

export const verifyPasswordNode = (hashed: string, password: string) => verify(hashed, password)
