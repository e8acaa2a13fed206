import { argon2id, argon2Verify, setWASMModules } from 'argon2-wasm-edge'
import argon2WASM from 'argon2-wasm-edge/wasm/argon2.wasm'
import blake2bWASM from 'argon2-wasm-edge/wasm/blake2b.wasm'

setWASMModules({ argon2WASM, blake2bWASM })

/** OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane. PHC strings, so @node-rs/argon2 reads them. */
export const ARGON2_PARAMS = { memorySize: 19456, iterations: 2, parallelism: 1, hashLength: 32 }

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return argon2id({ ...ARGON2_PARAMS, password, salt, outputType: 'encoded' })
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash })
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined
/** Verifying against a throwaway hash when the user does not exist keeps login timing uniform. */
export async function burnVerify(password: string): Promise<false> {
  dummy ??= hashPassword('not-a-real-password')
  await verifyPassword(password, await dummy)
  return false
}
