import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is plain static files served from app://renderer/ by Electron (base './') or by the browser host.
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
