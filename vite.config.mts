import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is plain static files loaded from file:// by Electron (base './') or served by the browser host.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
