import { type PiiSpan, span } from '../pii-types.ts'

type SecretPattern = { name: string; pattern: RegExp; group?: number }

// Each pattern is the issuer's documented token format; `group` names the capture that is the secret when
// the pattern also matches its label ("password: …").
const PATTERNS: readonly SecretPattern[] = [
  {
    name: 'private key block',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { name: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { name: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { name: 'Slack webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g },
  { name: 'Stripe key', pattern: /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { name: 'OpenAI / Anthropic key', pattern: /\bsk-(?:proj-|ant-(?:api\d\d-)?|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'Google OAuth token', pattern: /\bya29\.[0-9A-Za-z_-]{20,}\b/g },
  { name: 'SendGrid key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { name: 'Twilio key', pattern: /\bSK[0-9a-fA-F]{32}\b/g },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'PyPI token', pattern: /\bpypi-[A-Za-z0-9_-]{50,}\b/g },
  { name: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{34,}\b/g },
  { name: 'Shopify token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g },
  { name: 'Mailgun key', pattern: /\bkey-[0-9a-f]{32}\b/g },
  { name: 'AutonomOS API key', pattern: /\baos_sk_[A-Za-z0-9_-]{16,}\b/g },
  { name: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  { name: 'bearer token', pattern: /\b[Bb]earer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, group: 1 },
  { name: 'basic auth header', pattern: /\b[Bb]asic\s+([A-Za-z0-9+/]{16,}={0,2})/g, group: 1 },
  // scheme://user:password@host — the password only.
  { name: 'URL credentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s:@/]{3,})@/gi, group: 1 },
  // password = "…", api_key: …, client_secret=…, token: … — the value only.
  {
    name: 'labelled secret',
    pattern:
      /\b(?:pass(?:word|wd|phrase)?|pwd|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|private[_-]?key|token)\b["']?\s*(?:[:=]|\bis\b)\s*["']?([^\s"',;]{6,})/gi,
    group: 1,
  },
]

/** Credentials by pattern: API keys and tokens in their issuers' formats, key blocks, labelled secrets. */
export function detectSecrets(text: string): PiiSpan[] {
  const out: PiiSpan[] = []
  for (const { pattern, group } of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      if (group === undefined) {
        out.push(span(m.index, m.index + m[0].length, 'SECRET', 0.99))
        continue
      }
      const value = m[group]
      if (!value) continue
      const offset = m[0].lastIndexOf(value)
      out.push(span(m.index + offset, m.index + offset + value.length, 'SECRET', 0.9))
    }
  }
  return out
}
