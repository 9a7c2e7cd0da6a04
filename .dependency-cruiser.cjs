/** Layer rules: dependencies point inward, and the product knows nothing of its tools. Run by `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside itself: no framework, no driver, no Node I/O.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { pathNot: '^src/domain' },
    },
    {
      name: 'application-imports-domain-and-ports-only',
      comment: 'src/application may import the domain, its own ports and Inversify decorators; never an adapter.',
      severity: 'error',
      from: { path: '^src/application' },
      to: { pathNot: ['^src/domain', '^src/application', 'node_modules/inversify', 'node_modules/@inversifyjs'] },
    },
    {
      name: 'adapters-never-import-the-composition-root',
      comment: 'Only the composition root and the entry points know every adapter.',
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/(composition/|main\\.ts$)' },
    },
    {
      name: 'nothing-imports-the-entry-point',
      comment: 'src/main.ts only starts the shop; what others need lives in src/composition.',
      severity: 'error',
      from: {},
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'the-product-knows-no-sandbox',
      comment: 'The WeChat Pay sandbox is a tool beside the product (sandbox/, like bench/): nothing in src/ imports it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(sandbox|scripts|bench|test)/' },
    },
    {
      name: 'the-sandbox-reuses-only-wire-helpers',
      comment: 'The sandbox is its own program: of src/ it may use the WeChat wire helpers (XML, signing, China time, v3 AEAD, RFC 3339, key loading, RSA verification) and ConfigError.',
      severity: 'error',
      from: { path: '^sandbox/' },
      to: {
        path: '^src/',
        pathNot: '^src/(adapters/wechat/(xml|sign|http-body|refund-req-info|message-push|v3/(aead|rfc3339|key-material|verifier))|adapters/system/china-time|config-error)\\.ts$',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
