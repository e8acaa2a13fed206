import { Check, ChevronsUpDown } from 'lucide-react'
import { DropdownMenu } from 'radix-ui'
import { useEffect, useState } from 'react'
import { api } from '../lib/api.ts'
import { saveSession } from '../lib/session.ts'
import type { List, Me, MyTenant, TokenResponse } from '../lib/types.ts'

/** Shows the current tenant; members of several tenants switch here without signing in again. */
export function TenantSwitcher({ me }: { me: Me }) {
  const [tenants, setTenants] = useState<MyTenant[]>([])
  useEffect(() => {
    if (me.auth !== 'access_token') return
    api<List<MyTenant>>('/v1/me/tenants')
      .then((r) => setTenants(r.data))
      .catch(() => setTenants([]))
  }, [me])
  const switchTo = async (tenantId: string) => {
    saveSession(await api<TokenResponse>('/v1/auth/switch-tenant', { body: { tenant_id: tenantId } }))
    window.location.assign('/')
  }
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        data-testid="tenant-switcher"
        className="flex w-full items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-left text-sm dark:border-slate-800"
      >
        <span className="min-w-0 flex-1">
          <span className="block truncate font-bold">{me.tenant.name}</span>
          <span className="block truncate text-slate-500 text-xs">
            {me.user.email} · {me.role}
          </span>
        </span>
        {tenants.length > 1 && <ChevronsUpDown className="size-4 text-slate-400" aria-hidden />}
      </DropdownMenu.Trigger>
      {tenants.length > 1 && (
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-800 dark:bg-slate-900"
          >
            <DropdownMenu.Label className="px-2 py-1 text-slate-500 text-xs">Switch tenant</DropdownMenu.Label>
            {tenants.map((t) => (
              <DropdownMenu.Item
                key={t.id}
                onSelect={() => !t.current && void switchTo(t.id)}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-blue-50 dark:data-[highlighted]:bg-slate-800"
              >
                <span className="flex-1">
                  {t.name} <span className="text-slate-500 text-xs">({t.role})</span>
                </span>
                {t.current && <Check className="size-4 text-emerald-500" aria-label="current" />}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      )}
    </DropdownMenu.Root>
  )
}
