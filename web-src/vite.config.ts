import { defineConfig } from "vite";

// The bundle is committed under eventwire/web/dist and served by the FastAPI app at "/";
// relative asset URLs keep it working wherever the app is mounted.
export default defineConfig({
  base: "./",
  build: {
    outDir: "../eventwire/web/dist",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2020",
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev` talks to a local API (`eventwire serve` or the test mock) on port 8000.
    proxy: { "/api": process.env.EVENTWIRE_API ?? "http://127.0.0.1:8000" },
  },
});
