import type { ActiveRule } from '../src/contract/logs'
import type { AiConfig } from './ai/config'
import type { Config } from './config'
import type { KeyAuthenticator } from './http/auth'
import type { IngestPipeline, RuleSource } from './ingest/pipeline'
import type { Db } from './store/db'
import type { EnvironmentDirectory } from './store/environments'

/** What the rules runtime offers the rest of the server. */
export interface RulesRuntime extends RuleSource {
  /** For one environment: the enabled rules whose scope can match a service, in evaluation order. */
  activeRulesByService(envId: number): (serviceName: string) => ActiveRule[]
  /** Recompiles an environment's rules; the rules API calls it after every committed change. */
  reload(envId: number): Promise<void>
}

/** Everything a route may use; built once in server/server.ts. */
export interface AppContext {
  config: Config
  db: Db
  envs: EnvironmentDirectory
  keys: KeyAuthenticator
  pipeline: IngestPipeline
  rules: RulesRuntime
  /** The AI provider settings (AI_* variables); an unconfigured provider answers 503 on explain. */
  ai: AiConfig
}
