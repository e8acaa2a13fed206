import { z } from '@hono/zod-openapi'
import { ROLES } from './vocabulary/roles.ts'

// Wire shapes of the identity resources: signup and sessions, members, invitations and API keys.

export const Role = z.enum(ROLES).openapi('Role')

const Email = z
  .email({ error: 'must be a valid email address' })
  .max(254)
  .transform((email) => email.toLowerCase())
  .openapi({ example: 'ada@example.com' })

/** OWASP ASVS: at least 8 characters, long passphrases allowed, nothing more. */
const Password = z
  .string()
  .min(8, { error: 'must be at least 8 characters' })
  .max(256, { error: 'must be at most 256 characters' })
  .openapi({ example: 'correct horse battery staple' })

export const SignupBody = z
  .object({
    email: Email,
    password: Password,
    tenant_name: z.string().trim().min(1).max(120).openapi({ example: 'Acme Analytics' }),
  })
  .openapi('SignupRequest')

export const LoginBody = z
  .object({
    email: Email,
    password: z.string().min(1).max(256),
    tenant_id: z
      .uuid()
      .optional()
      .openapi({ description: 'Pick one of several tenants; default: the oldest membership' }),
  })
  .openapi('LoginRequest')

export const RefreshBody = z.object({ refresh_token: z.string().min(1).max(512) }).openapi('RefreshRequest')

export const LogoutBody = z.object({ refresh_token: z.string().min(1).max(512).optional() }).openapi('LogoutRequest')

export const TokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string(),
    tenant_id: z.uuid(),
  })
  .openapi('TokenResponse')

export const Me = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string() }),
    tenant: z.object({ id: z.uuid(), name: z.string() }),
    role: Role,
    auth: z.enum(['access_token', 'api_key']),
  })
  .openapi('Me')

export const Member = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: Role,
    status: z.enum(['active', 'deactivated']),
    created_at: z.string(),
  })
  .openapi('Member')

export const MemberList = z.object({ data: z.array(Member) }).openapi('MemberList')

export const UpdateMemberBody = z.object({ role: Role }).openapi('UpdateMemberRequest')

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'nightly sync' }),
    role: Role.default('member'),
    expires_in_days: z.number().int().min(1).max(3650).optional(),
  })
  .openapi('CreateApiKeyRequest')

export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    role: Role,
    created_at: z.string(),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
  })
  .openapi('ApiKey')

export const CreatedApiKey = ApiKey.extend({
  key: z.string().openapi({ description: 'The secret. Shown once; store it now.' }),
}).openapi('CreatedApiKey')

export const ApiKeyList = z.object({ data: z.array(ApiKey) }).openapi('ApiKeyList')

/** Signup and reset answer the same for every address, so they never tell whether it has an account. */
export const LinkSent = z
  .object({
    status: z.literal('link_sent'),
    detail: z.string(),
  })
  .openapi('LinkSent')

const LinkToken = z.string().min(16).max(512).openapi({ description: 'The token from the emailed link' })

export const EmailLinkBody = z.object({ token: LinkToken }).openapi('EmailLinkRequest')

export const PasswordResetBody = z.object({ email: Email }).openapi('PasswordResetRequest')

export const PasswordResetConfirmBody = z
  .object({ token: LinkToken, password: Password })
  .openapi('PasswordResetConfirmRequest')

export const AcceptInvitationBody = z
  .object({
    token: LinkToken,
    password: z.string().min(1).max(256).openapi({
      description:
        'The account’s current password when `account_exists` was true in the preview; otherwise the password to create the account with',
    }),
  })
  .openapi('AcceptInvitationRequest')

export const InvitationPreview = z
  .object({
    email: z.string(),
    tenant_name: z.string(),
    role: Role,
    invited_by: z.string(),
    expires_at: z.string(),
    account_exists: z.boolean().openapi({
      description: 'True when a confirmed account has this address: accepting then asks for its password',
    }),
  })
  .openapi('InvitationPreview')

export const CreateInvitationBody = z
  .object({ email: Email, role: Role.default('member') })
  .openapi('CreateInvitationRequest')

export const Invitation = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: Role,
    status: z.enum(['pending', 'expired']),
    invited_by: z.string().nullable(),
    created_at: z.string(),
    expires_at: z.string(),
  })
  .openapi('Invitation')

export const InvitationList = z.object({ data: z.array(Invitation) }).openapi('InvitationList')
