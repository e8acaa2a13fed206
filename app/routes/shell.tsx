import { LogOut, Menu, X } from 'lucide-react'
import { Dialog as Drawer } from 'radix-ui'
import { useState } from 'react'
import { NavLink, Outlet, redirect, useLoaderData, useLocation } from 'react-router'
import { TenantSwitcher } from '../components/tenant-switcher.tsx'
import { ThemeToggle } from '../components/theme-toggle.tsx'
import { LiveDot } from '../components/widget.tsx'
import { ApiProblem, api } from '../lib/api.ts'
import { cn } from '../lib/cn.ts'
import { LiveEventsProvider, useLiveEvents } from '../lib/live-events.tsx'
import { useWidgetRegistry, type WidgetState, widgetState } from '../lib/live-status.ts'
import { NAV } from '../lib/nav.ts'
import { clearSession, getSession } from '../lib/session.ts'
import type { Me } from '../lib/types.ts'
import type { Route } from './+types/shell'

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  const next = new URL(request.url).pathname
  if (!getSession()) throw redirect(`/login?next=${encodeURIComponent(next)}`)
  // Only a refused session signs out; a busy or briefly unreachable server gets one more try, then the
  // error page (with a retry), never a lost sign-in.
  for (let attempt = 1; ; attempt++) {
    try {
      return { me: await api<Me>('/v1/me') }
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) {
        clearSession()
        throw redirect(`/login?next=${encodeURIComponent(next)}`)
      }
      if (attempt >= 2) throw error
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
}

async function signOut() {
  const session = getSession()
  await api('/v1/auth/logout', { body: { refresh_token: session?.refreshToken } }).catch(() => {})
  clearSession()
  window.location.assign('/login')
}

function LiveStatusPill() {
  const { status } = useLiveEvents()
  const widgets = useWidgetRegistry()
  const counts = new Map<WidgetState, number>()
  for (const w of widgets) {
    const state = widgetState(w.origin, status)
    counts.set(state, (counts.get(state) ?? 0) + 1)
  }
  const text = status === 'open' ? 'Live updates on' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…'
  const summary = (['live', 'stale', 'demo', 'mock'] as const)
    .filter((state) => counts.get(state))
    .map((state) => `${counts.get(state)} ${state}`)
    .join(', ')
  return (
    <div className="space-y-1 text-slate-500 text-xs" data-testid="live-status" data-status={status}>
      <div className="flex items-center gap-2">
        <LiveDot state={status === 'open' ? 'live' : 'stale'} label={text} />
        <span aria-hidden>{text}</span>
      </div>
      {summary && <div>Widgets: {summary}</div>}
    </div>
  )
}

function Sidebar({ me, onNavigate }: { me: Me; onNavigate: () => void }) {
  return (
    <div className="flex h-full flex-col gap-4 p-4">
      <a href="/" className="flex items-center gap-2 px-1 font-bold text-lg">
        <img src="/favicon.svg" alt="" className="size-7" />
        <span className="bg-gradient-to-r from-emerald-500 via-blue-500 to-violet-500 bg-clip-text text-transparent">
          AutonomOS
        </span>
      </a>
      <TenantSwitcher me={me} />
      <nav aria-label="Main" className="flex flex-col gap-1">
        {NAV.map(({ to, label, icon: Icon }) => (
          <NavLink
            key={to}
            to={to}
            end={to === '/'}
            onClick={onNavigate}
            className={({ isActive }) =>
              cn(
                'flex items-center gap-3 rounded-lg px-3 py-2 font-semibold text-sm',
                isActive
                  ? 'bg-blue-600 text-white'
                  : 'text-slate-700 hover:bg-slate-200/60 dark:text-slate-300 dark:hover:bg-slate-800',
              )
            }
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </NavLink>
        ))}
      </nav>
      <div className="mt-auto space-y-3">
        <LiveStatusPill />
        <div className="flex items-center justify-between">
          <ThemeToggle />
          <button
            type="button"
            onClick={() => void signOut()}
            className="inline-flex items-center gap-1 rounded-lg px-2 py-1.5 text-slate-600 text-sm hover:bg-slate-200/60 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            <LogOut className="size-4" aria-hidden /> Sign out
          </button>
        </div>
      </div>
    </div>
  )
}

export default function Shell() {
  const { me } = useLoaderData<typeof clientLoader>()
  const [open, setOpen] = useState(false)
  const location = useLocation()
  return (
    <LiveEventsProvider key={me.tenant.id}>
      {/* The first stop for a keyboard: past the navigation, straight to the page. */}
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 font-medium text-blue-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 dark:bg-slate-900 dark:text-blue-300"
      >
        Skip to content
      </a>
      <div className="min-h-screen md:grid md:grid-cols-[16rem_1fr]">
        <aside className="sticky top-0 hidden h-screen border-slate-200 border-r bg-white md:block dark:border-slate-800 dark:bg-slate-900">
          <Sidebar me={me} onNavigate={() => {}} />
        </aside>
        {/* A modal drawer: Escape and the backdrop close it, focus moves into it, stays there while open and
            returns to the menu button. */}
        <Drawer.Root open={open} onOpenChange={setOpen}>
          <header className="flex items-center gap-3 border-slate-200 border-b bg-white p-3 md:hidden dark:border-slate-800 dark:bg-slate-900">
            <Drawer.Trigger aria-label="Open menu" className="rounded p-1">
              <Menu className="size-6" />
            </Drawer.Trigger>
            <span className="font-bold">AutonomOS</span>
          </header>
          <Drawer.Portal>
            <Drawer.Overlay className="fixed inset-0 z-40 bg-slate-950/50 md:hidden" />
            <Drawer.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto bg-white md:hidden dark:bg-slate-900">
              <Drawer.Title className="sr-only">Menu</Drawer.Title>
              <Drawer.Description className="sr-only">
                The console’s pages, your workspace and account
              </Drawer.Description>
              <Drawer.Close aria-label="Close menu" className="absolute top-3 right-3 rounded p-1">
                <X className="size-5" />
              </Drawer.Close>
              <Sidebar me={me} onNavigate={() => setOpen(false)} />
            </Drawer.Content>
          </Drawer.Portal>
        </Drawer.Root>
        <main id="main" tabIndex={-1} key={location.pathname} className="min-w-0 p-4 outline-none md:p-8">
          <Outlet context={me} />
        </main>
      </div>
    </LiveEventsProvider>
  )
}
