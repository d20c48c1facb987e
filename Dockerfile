FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The recruiter console, bundled into web/dist by `npm run build` (the API serves it at /).
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# glibc keeps freed memory in a malloc arena per allocating thread (up to 8 per core); with the
# inference and extraction worker threads that is 30-50 MB of RSS (BENCHMARKS.md, "Memory").
ENV MALLOC_ARENA_MAX=2
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/package.json ./
COPY prisma ./prisma
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
