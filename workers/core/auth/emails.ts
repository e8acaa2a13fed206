/** The emails the platform sends about accounts: plain text and HTML from one description each. */
export interface EmailContent {
  subject: string
  text: string
  html: string
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string)

function render(subject: string, paragraphs: string[], action: { label: string; url: string }, footer: string) {
  const text = [...paragraphs, `${action.label}: ${action.url}`, footer].join('\n\n')
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`,
    `<p style="color:#666">${escapeHtml(footer)}</p>`,
  ].join('\n')
  return { subject, text, html }
}

const IGNORE = 'If you did not ask for this, ignore this email: nothing happens until the link is opened.'

export const signupEmail = (url: string, tenantName: string, hours: number): EmailContent =>
  render(
    'Confirm your email to create your AutonomOS workspace',
    [
      `Open the link below to prove this address and create the workspace “${tenantName}”.`,
      `It works once, for ${hours} hours.`,
    ],
    { label: 'Confirm and create the workspace', url },
    IGNORE,
  )

/** To an existing account whose password matched: another workspace, once the owner confirms. */
export const newWorkspaceEmail = (url: string, tenantName: string, hours: number): EmailContent =>
  render(
    `Confirm the new AutonomOS workspace “${tenantName}”`,
    [
      `Someone signed up with this address and your password to create “${tenantName}”.`,
      `It works once, for ${hours} hours.`,
    ],
    { label: 'Create the workspace', url },
    IGNORE,
  )

/** To an existing account when a signup used its address without its password. */
export const accountExistsEmail = (signInUrl: string): EmailContent =>
  render(
    'Someone tried to sign up with your email',
    [
      'A signup for AutonomOS used this address, which already has an account, so nothing was created.',
      'If it was you, sign in instead; if you forgot your password, reset it from the sign-in page.',
    ],
    { label: 'Sign in', url: signInUrl },
    'If it was not you, no action is needed: your account is unchanged.',
  )

/** To an older account that never proved its address: proving it means choosing the password anew. */
export const confirmAddressEmail = (url: string, minutes: number): EmailContent =>
  render(
    'Confirm your email address for AutonomOS',
    [
      'Someone signed in to the AutonomOS account with this address, which was never confirmed.',
      `To confirm it, open the link and choose a password; it works once, for ${minutes} minutes, and signs out every other session.`,
    ],
    { label: 'Confirm my address', url },
    'If you did not sign in, ignore this email: the account stays locked until the address is confirmed.',
  )

export const passwordResetEmail = (url: string, minutes: number): EmailContent =>
  render(
    'Reset your AutonomOS password',
    [
      'Someone asked to reset the password of the AutonomOS account with this address.',
      `The link works once, for ${minutes} minutes; every session is signed out when it is used.`,
    ],
    { label: 'Choose a new password', url },
    'If you did not ask for this, ignore this email: your password stays as it is.',
  )

export const invitationEmail = (
  url: string,
  invite: { tenantName: string; inviterEmail: string; role: string; days: number },
): EmailContent =>
  render(
    `You are invited to “${invite.tenantName}” on AutonomOS`,
    [
      `${invite.inviterEmail} invited you to join the workspace “${invite.tenantName}” as ${invite.role}.`,
      `Open the link to accept; it works once, for ${invite.days} days. You will sign in or choose a password there.`,
    ],
    { label: 'Accept the invitation', url },
    'If you do not know this workspace, ignore this email: nobody gets access to anything until you accept.',
  )
