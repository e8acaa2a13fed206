import {
  BookOpen,
  Boxes,
  BrainCircuit,
  Cable,
  GitCompareArrows,
  LayoutDashboard,
  ListChecks,
  MessageSquareText,
  Network,
  Route,
  Search,
  Settings,
  ShieldCheck,
} from 'lucide-react'

/** The console's pages in navigation order; each `to` has a route in app/routes.ts. */
export const NAV = [
  { to: '/', label: 'Dashboard', icon: LayoutDashboard },
  { to: '/discovery', label: 'Data Discovery', icon: Search },
  { to: '/connections', label: 'API Mesh Connections', icon: Cable },
  { to: '/drift', label: 'Drift', icon: GitCompareArrows },
  { to: '/review', label: 'AOS Review', icon: ShieldCheck },
  { to: '/mappings', label: 'Mappings', icon: Route },
  { to: '/entities', label: 'Unified Entities', icon: Boxes },
  { to: '/graph', label: 'Ontology Graph', icon: Network },
  { to: '/jobs', label: 'Jobs', icon: ListChecks },
  { to: '/llm-usage', label: 'LLM Usage', icon: BrainCircuit },
  { to: '/assistant', label: 'AOS Assistant', icon: MessageSquareText },
  { to: '/knowledge', label: 'Knowledge Base', icon: BookOpen },
  { to: '/settings', label: 'Settings', icon: Settings },
] as const

/** Every page title reads "AOS <Feature>". */
export const pageTitle = (feature: string) => [{ title: `AOS ${feature}` }]
