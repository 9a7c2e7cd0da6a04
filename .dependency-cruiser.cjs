/** Layer rules: dependencies point inward. Run by `npm test`. */
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
      comment: 'Only entry points know every adapter.',
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/(container|main)\\.ts$' },
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
