import { weakPasswordReason } from '../../core/auth/password-strength.ts'
import { ProblemError } from '../problem-error.ts'

/** A weak new password is a field error like any other validation failure. */
export function assertStrongPassword(password: string, context: readonly string[]) {
  const reason = weakPasswordReason(password, context)
  if (reason) {
    throw new ProblemError('validation_failed', 'Choose a stronger password; see `errors`.', [
      { path: 'password', message: reason, code: 'weak_password' },
    ])
  }
}
