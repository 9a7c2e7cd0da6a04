import type { RunningServer } from './server.js';
import type { BenchWeChat } from './wechat.js';

/** How big and how long each scenario runs; the smoke plan only proves the scenarios still run. */
export interface Plan {
  readonly smoke: boolean;
  /** Connections (HTTP) or loops (floor) in scenarios 1, 1b and 2. */
  readonly concurrency: number;
  readonly warmupMs: number;
  /** Floor and HTTP alternate this many times, each for `legMs`, so drift on a noisy box hits both. */
  readonly rounds: number;
  readonly legMs: number;
  readonly flashBuyers: number;
  readonly flashStock: number;
  readonly growthSizes: readonly number[];
  readonly growthRequests: number;
  readonly growthConcurrency: number;
  readonly lineCounts: readonly number[];
  readonly linesOrders: number;
}

export const FULL_PLAN: Plan = {
  smoke: false,
  concurrency: 32,
  warmupMs: 3_000,
  rounds: 2,
  legMs: 8_000,
  flashBuyers: 2_000,
  flashStock: 100,
  growthSizes: [10_000, 100_000, 1_000_000],
  growthRequests: 3_000,
  growthConcurrency: 8,
  lineCounts: [1, 10, 50],
  linesOrders: 400,
};

export const SMOKE_PLAN: Plan = {
  smoke: true,
  concurrency: 8,
  warmupMs: 200,
  rounds: 1,
  legMs: 600,
  flashBuyers: 60,
  flashStock: 10,
  growthSizes: [1_000, 3_000],
  growthRequests: 60,
  growthConcurrency: 4,
  lineCounts: [1, 10, 50],
  linesOrders: 20,
};

export interface ShopDatabase {
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  /** Further settings for this server, e.g. STOCK_POLICY. */
  readonly extraEnv?: Record<string, string>;
}

export interface BenchContext {
  readonly plan: Plan;
  /** The bench's MySQL database (`weshop_test_bench`), as the server and the floor reach it. */
  readonly mysqlUrl: string;
  readonly redisUrl: string;
  /** MySQL pool size of both the server (DATABASE_URL `?pool=`) and the floor. */
  readonly poolSize: number;
  readonly workDir: string;
  readonly wechat: BenchWeChat;
  /** MariaDB's pid when it runs here, for CPU accounting. */
  readonly databasePid: number | null;
  readonly cores: number;
  startShop(name: string, database: ShopDatabase): Promise<RunningServer>;
}

export interface Target {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  readonly met: boolean;
}

export interface Invariant {
  readonly name: string;
  readonly held: boolean;
  readonly detail: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  /** Figures for the table, in display order. */
  readonly figures: Record<string, string | number>;
  readonly targets: Target[];
  readonly invariants: Invariant[];
  /** Everything measured, for results.json. */
  readonly details: unknown;
}
