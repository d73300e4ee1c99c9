/// <reference types="vitest/config" />
// Vite build for the Porpoise UI. The built files are served by the server under
// /dolphinscheduler/ui/, and every API call goes to the same origin under /dolphinscheduler.
// `npm run dev` proxies API calls to a server on PORPOISE_DEV_SERVER (default http://127.0.0.1:12345).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const devTarget = process.env.PORPOISE_DEV_SERVER ?? 'http://127.0.0.1:12345';

export default defineConfig({
  base: '/dolphinscheduler/ui/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Stable vendor chunks (cached across releases); only the modules actually used are included.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(echarts|zrender|echarts-for-react)\//.test(id)) return 'charts';
          if (/node_modules\/(@xyflow|@dagrejs|d3-)/.test(id)) return 'graph';
          if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|@tanstack)\//.test(id)) return 'react';
          return 'vendor';
        },
      },
    },
  },
  server: {
    proxy: {
      '^/dolphinscheduler/(?!ui/)': { target: devTarget, changeOrigin: true },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
