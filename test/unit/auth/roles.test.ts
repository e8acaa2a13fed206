import { describe, expect, it } from 'vitest'
import { atLeast, canAssign, lesserRole } from '../../../workers/core/auth/roles.ts'

describe('roles', () => {
  it('orders owner > admin > member > viewer', () => {
    expect(atLeast('owner', 'admin')).toBe(true)
    expect(atLeast('admin', 'admin')).toBe(true)
    expect(atLeast('member', 'admin')).toBe(false)
    expect(atLeast('viewer', 'member')).toBe(false)
  })

  it('lets admins manage up to admin but never touch or mint owners', () => {
    expect(canAssign('admin', 'member', 'admin')).toBe(true)
    expect(canAssign('admin', null, 'viewer')).toBe(true)
    expect(canAssign('admin', null, 'owner')).toBe(false)
    expect(canAssign('admin', 'owner', 'member')).toBe(false)
    expect(canAssign('owner', 'owner', 'member')).toBe(true)
    expect(canAssign('member', 'viewer', 'viewer')).toBe(false)
  })

  it('takes the lesser of two roles, in either order', () => {
    expect(lesserRole('admin', 'member')).toBe('member')
    expect(lesserRole('member', 'admin')).toBe('member')
    expect(lesserRole('owner', 'owner')).toBe('owner')
    expect(lesserRole('owner', 'viewer')).toBe('viewer')
  })
})
