import { resolve } from 'node:path';

const here = import.meta.dirname;
import { defineConfig } from 'vite';

/** The browser client: the task page, the actor inspector and the operator view, served by the gateway from web/dist. */
export default defineConfig({
  root: here,
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        main: resolve(here, 'index.html'),
        inspector: resolve(here, 'inspector.html'),
        operator: resolve(here, 'operator.html'),
      },
    },
  },
});
