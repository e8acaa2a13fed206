import { type PiiSpan, span } from '../pii-types.ts'

type SecretPattern = {
  name: string
  pattern: RegExp
  group?: number
  /** A cheap test that the text may hold a match at all, so most texts skip the pattern. */
  hint?: string | RegExp
  accept?: (value: string) => boolean
}

// Each pattern is the issuer's documented token format; `group` names the capture that is the secret when
// the pattern also matches its label ("password: …").
const PATTERNS: readonly SecretPattern[] = [
  {
    name: 'private key block',
    hint: 'PRIVATE KEY',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    name: 'AWS access key id',
    hint: /A[KSBCGIRNP][IPCDONV]A/,
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
  },
  {
    name: 'GitHub token',
    hint: /gh[pousr]_|github_pat_/,
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  { name: 'GitLab token', hint: 'glpat-', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { name: 'Slack token', hint: 'xox', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  {
    name: 'Slack webhook',
    hint: 'hooks.slack.com',
    pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g,
  },
  { name: 'Stripe key', hint: /_(?:live|test)_/, pattern: /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  {
    name: 'OpenAI / Anthropic key',
    hint: 'sk-',
    pattern: /\bsk-(?:proj-|ant-(?:api\d\d-)?|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g,
  },
  { name: 'Google API key', hint: 'AIza', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'Google OAuth token', hint: 'ya29.', pattern: /\bya29\.[0-9A-Za-z_-]{20,}\b/g },
  { name: 'SendGrid key', hint: 'SG.', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { name: 'Twilio key', hint: 'SK', pattern: /\bSK[0-9a-fA-F]{32}\b/g },
  { name: 'npm token', hint: 'npm_', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'PyPI token', hint: 'pypi-', pattern: /\bpypi-[A-Za-z0-9_-]{50,}\b/g },
  { name: 'Hugging Face token', hint: 'hf_', pattern: /\bhf_[A-Za-z0-9]{34,}\b/g },
  { name: 'Shopify token', hint: 'shp', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g },
  { name: 'Mailgun key', hint: 'key-', pattern: /\bkey-[0-9a-f]{32}\b/g },
  { name: 'AutonomOS API key', hint: 'aos_sk_', pattern: /\baos_sk_[A-Za-z0-9_-]{16,}\b/g },
  {
    name: 'JSON Web Token',
    hint: 'eyJ',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  },
  { name: 'bearer token', hint: /[Bb]earer/, pattern: /\b[Bb]earer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, group: 1 },
  { name: 'basic auth header', hint: /[Bb]asic/, pattern: /\b[Bb]asic\s+([A-Za-z0-9+/]{16,}={0,2})/g, group: 1 },
  // scheme://user:password@host — the password only.
  { name: 'URL credentials', hint: '://', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s:@/]{3,})@/gi, group: 1 },
  // password = "…", api_key: …, client_secret=…, token: … — the value only.
  {
    name: 'labelled secret',
    hint: /pass|pwd|secret|key|token/i,
    pattern:
      /\b(?:pass(?:word|wd|phrase)?|pwd|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|private[_-]?key|token)\b["']?\s*(?:[:=]|\bis\b)\s*["']?([^\s"',;]{6,})/gi,
    group: 1,
    // A value is a secret when it has a digit or a symbol, or is long: "the token is expired" is prose.
    accept: (value) => /[\d\W_]/.test(value) || value.length >= 12,
  },
]

/** Credentials by pattern: API keys and tokens in their issuers' formats, key blocks, labelled secrets. */
export function detectSecrets(text: string): PiiSpan[] {
  const out: PiiSpan[] = []
  for (const { pattern, group, hint, accept } of PATTERNS) {
    if (typeof hint === 'string' ? !text.includes(hint) : hint && !hint.test(text)) continue
    for (const m of text.matchAll(pattern)) {
      if (group === undefined) {
        out.push(span(m.index, m.index + m[0].length, 'SECRET', 0.99))
        continue
      }
      const value = m[group]
      if (!value || (accept && !accept(value))) continue
      const offset = m[0].lastIndexOf(value)
      out.push(span(m.index + offset, m.index + offset + value.length, 'SECRET', 0.9))
    }
  }
  return out
}
