import { Monitor, Moon, Sun } from 'lucide-react'
import { useEffect, useState } from 'react'
import { applyTheme, chooseTheme, storedTheme, type ThemeChoice } from '../lib/theme.ts'

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' }
const ICON = { system: Monitor, dark: Moon, light: Sun }

/** Cycles system → dark → light; "system" keeps following the OS setting as it changes. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>('system')
  useEffect(() => {
    setChoice(storedTheme())
    const media = matchMedia('(prefers-color-scheme: dark)')
    const follow = () => storedTheme() === 'system' && applyTheme('system')
    media.addEventListener('change', follow)
    return () => media.removeEventListener('change', follow)
  }, [])
  const Icon = ICON[choice]
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-theme-choice={choice}
      onClick={() => {
        const next = NEXT[choice]
        chooseTheme(next)
        setChoice(next)
      }}
      className="inline-flex items-center gap-2 rounded-lg px-2 py-1.5 text-slate-600 text-sm hover:bg-slate-200/60 dark:text-slate-300 dark:hover:bg-slate-800"
      title={`Theme: ${choice} (click to change)`}
    >
      <Icon className="size-4" aria-hidden />
      <span className="capitalize">{choice}</span>
    </button>
  )
}
