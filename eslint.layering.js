// The layering of src/, by folder (docs/development.md explains each rule). Bottom to top:
//   shared, errors, model, config, logging   below every stage: they import no stage
//   upstream, introspection, generation, execution, server, (new stages)
//   pipeline (runs introspection then generation), cli (the top: nothing imports it)
// and beside them the simulator, the BJET stand-in, which shares nothing with the product but
// the types of the REST contract in model/.

const BASE = ['shared', 'errors', 'model', 'config', 'logging'];
const ALL_BUT = (...allowed) => ({ from: './src', except: allowed.map((folder) => `./${folder}`) });

/** A target folder and what it may not import: `from` the forbidden tree, `except` what stays allowed. */
const zones = [
  {
    target: BASE.map((folder) => `./src/${folder}`),
    ...ALL_BUT(...BASE),
    message: 'shared/, errors/, model/, config/ and logging/ sit below every stage: move what both need down here',
  },
  {
    target: ['./src/execution', './src/server'],
    from: ['./src/generation', './src/introspection', './src/pipeline'],
    message: 'the runtime reads names and shapes from schema/ (model/), it never re-derives them',
  },
  {
    target: './src/introspection',
    from: ['./src/generation', './src/execution', './src/server', './src/pipeline'],
    message: 'introspection samples and infers only; the step that runs it and then generation is in pipeline/',
  },
  {
    target: './src/generation',
    ...ALL_BUT('generation', ...BASE.filter((folder) => folder !== 'logging')),
    message: 'generation is pure: a SourceModel in, SDL out (schema/ I/O is in model/)',
  },
  {
    target: './src/simulator',
    ...ALL_BUT('simulator', 'model'),
    message: 'the simulator shares nothing with the product but the REST contract types in model/',
  },
  {
    target: './src/!(simulator|cli)/**',
    from: './src/simulator',
    message: 'only the CLI (demo, simulate) starts the simulator; the product never depends on it',
  },
  {
    target: './src/!(cli)/**',
    from: './src/cli',
    message: 'cli/ is the top layer: nothing below imports it',
  },
  {
    target: './src',
    from: ['./test', './bench', './examples', './scripts'],
    message: 'src/ never reaches into tests, benchmarks or scripts: move the shared piece into src/',
  },
];

const IO_MODULES = ['fs', 'fs/promises', 'net', 'http', 'https', 'child_process'].flatMap((name) => [name, `node:${name}`]);

export const layering = [
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      // What `npm install --omit=dev` leaves must be enough for src/.
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: false, optionalDependencies: false }],
    },
  },
  {
    files: ['src/generation/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [...IO_MODULES, 'undici'].map((name) => ({ name, message: 'generation is pure: I/O belongs to model/ (schema/) or upstream/' })) },
      ],
    },
  },
  {
    files: ['src/simulator/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/model/*'],
              allowTypeImports: true,
              message: 'the simulator may take types from model/ (the REST contract), never code',
            },
          ],
        },
      ],
    },
  },
];
