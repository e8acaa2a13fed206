import { ThemeToggle } from './theme-toggle.tsx'

export function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-br from-emerald-50 via-blue-50 to-violet-100 p-4 dark:from-slate-950 dark:via-slate-900 dark:to-violet-950">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-xl dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-5 flex items-center gap-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <h1 className="font-bold text-xl">{title}</h1>
          <div className="ml-auto">
            <ThemeToggle />
          </div>
        </div>
        {children}
      </div>
    </main>
  )
}
