import { useNavigate } from '@tanstack/react-router'
import { ActionMenu } from '@/components/ui/action-menu'
import { Glyph } from '@/components/ui/glyph'
import type { RuleResponse } from '@/contract/rules'
import { useReorderLocked } from './reorder-lock'

interface RuleRowMenuProps {
  rule: RuleResponse
  position: number
  total: number
  onMove: (rule: RuleResponse, toIndex: number) => void
  onDelete: (rule: RuleResponse) => void
}

export function RuleRowMenu({ rule, position, total, onMove, onDelete }: RuleRowMenuProps) {
  const navigate = useNavigate()
  const locked = useReorderLocked()
  return (
    <ActionMenu
      label={`Actions for ${rule.name}`}
      items={[
        {
          label: 'Edit',
          icon: <Glyph name="pencil" />,
          onSelect: () => void navigate({ to: '/sampling-rules/$id', params: { id: rule.id } }),
        },
        { label: 'Move to top', icon: <Glyph name="to-top" />, disabled: locked || position === 1, onSelect: () => onMove(rule, 0) },
        { label: 'Move to bottom', icon: <Glyph name="to-bottom" />, disabled: locked || position === total, onSelect: () => onMove(rule, total - 1) },
        { label: 'Delete…', icon: <Glyph name="trash" />, tone: 'danger', onSelect: () => onDelete(rule) },
      ]}
    />
  )
}
