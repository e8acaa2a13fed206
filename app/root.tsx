import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useNavigation,
  useRouteError,
} from 'react-router'
import './app.css'
import { THEME_BOOT_SCRIPT } from './lib/theme.ts'

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script, no user input */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen font-sans">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

/** While the next page's data loads, the old page stays: a bar across the top says something is happening. */
function NavigationProgress() {
  const navigation = useNavigation()
  if (navigation.state === 'idle') return null
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      className="fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-blue-100 dark:bg-blue-950"
    >
      <div className="nav-progress h-full w-1/3 bg-blue-600 dark:bg-blue-400" />
    </div>
  )
}

export default function App() {
  return (
    <>
      <NavigationProgress />
      <Outlet />
    </>
  )
}

export function HydrateFallback() {
  return (
    <div className="grid min-h-screen place-items-center text-slate-500" role="status">
      Loading AutonomOS…
    </div>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <main className="mx-auto max-w-xl p-10">
      <title>{notFound ? 'AOS Not found' : 'AOS Error'}</title>
      <h1 className="font-bold text-2xl">{notFound ? 'This page does not exist' : 'Something went wrong'}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        {notFound
          ? 'Check the address, or go back to the dashboard.'
          : error instanceof Error
            ? error.message
            : 'Reload the page; if it keeps happening, the request id in the API response helps support.'}
      </p>
      <a className="mt-6 inline-block text-blue-600 underline dark:text-blue-400" href="/">
        Back to the dashboard
      </a>
    </main>
  )
}
