/** Light/dark theme: "system" follows prefers-color-scheme; the choice is saved in localStorage. */
export type Theme = 'system' | 'light' | 'dark';
const KEY = 'moms.theme';

export function getTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function setTheme(theme: Theme): void {
  if (theme === 'system') {
    localStorage.removeItem(KEY);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(KEY, theme);
    document.documentElement.dataset.theme = theme;
  }
}
