/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Absolute URL of the Logs API when it is not served from the page's own origin. */
  readonly VITE_API_BASE_URL?: string
}
