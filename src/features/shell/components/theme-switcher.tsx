import { Icon, type IconName } from '@/components/ui/icon'
import { setThemePreference, useThemePreference, type ThemePreference } from '@/lib/theme'

const options: { value: ThemePreference; label: string; icon: IconName }[] = [
  { value: 'system', label: 'System', icon: 'monitor' },
  { value: 'light', label: 'Light', icon: 'sun' },
  { value: 'dark', label: 'Dark', icon: 'moon' },
]

/** Three native radios (arrow keys move between them) drawn as icon buttons. */
export function ThemeSwitcher() {
  const preference = useThemePreference()
  return (
    <fieldset className="flex items-center rounded-md border border-border bg-surface p-0.5">
      <legend className="sr-only">Theme</legend>
      {options.map((option) => (
        <label
          key={option.value}
          title={option.label}
          className="grid size-7 cursor-pointer place-items-center rounded text-muted-foreground hover:text-foreground has-checked:bg-muted has-checked:text-foreground has-focus-visible:outline-2 has-focus-visible:outline-ring"
        >
          <input
            type="radio"
            name="theme"
            value={option.value}
            checked={preference === option.value}
            onChange={() => setThemePreference(option.value)}
            className="sr-only"
          />
          <Icon name={option.icon} />
          <span className="sr-only">{option.label}</span>
        </label>
      ))}
    </fieldset>
  )
}
