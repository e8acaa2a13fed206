import { index, layout, type RouteConfig, route } from '@react-router/dev/routes'

// A new console page is one file in routes/ plus one line here (and one in lib/nav.ts to list it).
export default [
  route('login', 'routes/login.tsx'),
  route('signup', 'routes/signup.tsx'),
  route('verify-email', 'routes/verify-email.tsx'),
  route('forgot-password', 'routes/forgot-password.tsx'),
  route('reset-password', 'routes/reset-password.tsx'),
  route('accept-invite', 'routes/accept-invite.tsx'),
  layout('routes/shell.tsx', [
    index('routes/dashboard.tsx'),
    route('discovery', 'routes/discovery.tsx'),
    route('connections', 'routes/connections.tsx'),
    route('connections/:id', 'routes/connection.tsx'),
    route('connections/:id/onboard', 'routes/onboard.tsx'),
    route('drift', 'routes/drift.tsx'),
    route('review', 'routes/review.tsx'),
    route('mappings', 'routes/mappings.tsx'),
    route('entities', 'routes/entities.tsx'),
    route('graph', 'routes/graph.tsx'),
    route('streams/:id/preview', 'routes/preview.tsx'),
    route('jobs', 'routes/jobs.tsx'),
    route('llm-usage', 'routes/llm-usage.tsx'),
    route('assistant', 'routes/assistant.tsx'),
    route('knowledge', 'routes/knowledge.tsx'),
    route('settings', 'routes/settings.tsx'),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
