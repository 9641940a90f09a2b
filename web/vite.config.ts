import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: webDir,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // One chunk for the whole app, by choice (no route is loaded lazily); warn once it passes 600 kB.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // Anchored patterns so an app route such as /devices is never sent to the API server.
    proxy: {
      '^/api(/|$)': { target: apiServer, changeOrigin: false },
      '^/dev(/|$)': { target: apiServer, changeOrigin: false },
    },
  },
});
